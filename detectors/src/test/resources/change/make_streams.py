"""The streams of River's documented Page-Hinkley and ADWIN examples (ChangeDetectorsRiverTest).

River documents, in the docstrings of river/drift/page_hinkley.py and river/drift/adwin.py, two
streams of 2,000 integers: 1,000 drawn from {0, 1}, then 1,000 from {4, 5, 6, 7}:
- numpy.random.seed(12345), numpy.random.randint(2, size=1000) then randint(4, high=8,
  size=1000) (River up to 0.11): Page-Hinkley detects at index 1009; ADWIN, keeping its window
  after a detection, at 1023, 1055, 1087 and 1119;
- random.Random(12345), rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000) (River
  0.12 and later): Page-Hinkley detects at 1006; ADWIN, starting over after a detection, at 1023.
This script draws both with the same generators and writes them one value per line, so the Java
test needs neither numpy nor Python.

Run: /usr/bin/python3 make_streams.py (numpy 1.24.2; numpy's legacy RandomState stream is stable)
"""
import os
import random

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

np.random.seed(12345)
legacy = np.concatenate((np.random.randint(2, size=1000), np.random.randint(4, high=8, size=1000)))
rng = random.Random(12345)
current = rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)

for name, stream in (("river-numpy-12345.txt", legacy), ("river-random-12345.txt", current)):
    with open(os.path.join(HERE, name), "w") as f:
        f.write("\n".join(str(int(v)) for v in stream))
        f.write("\n")
