package io.aimon.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
  @Test
  void subtasksOfOneChainAddUp() {
    assertEquals(
        "admit chain",
        ThreadCpu.group("admit -> (window-profile, duplicate-dead-letters) (1/2)#0"));
    assertEquals(
        "admit chain",
        ThreadCpu.group("admit -> (window-profile, duplicate-dead-letters) (2/2)#1"));
    assertEquals("window-evaluate", ThreadCpu.group("window-evaluate (1/1)#0"));
    assertEquals(
        "flink-pekko.actor.default-dispatcher",
        ThreadCpu.group("flink-pekko.actor.default-dispatcher-7"));
  }

  @Test
  void aThreadThatEndedKeepsItsLastReading() throws Exception {
    AtomicLong result = new AtomicLong();
    Map<String, Double> seconds;
    try (ThreadCpu cpu = ThreadCpu.start()) {
      Thread busy =
          new Thread(
              () -> {
                // spins until it has used 0.5 s of CPU, however busy the machine is
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long x = 0;
                while (threads.getCurrentThreadCpuTime() < 500_000_000L) {
                  x += x * 31 + 7;
                }
                result.set(x);
              },
              "busy-worker (1/1)#0");
      busy.start();
      busy.join();
      cpu.close();
      seconds = cpu.secondsByGroup();
    }
    // sampled every 100 ms while it ran: at least 0.3 of its 0.5 s, though it ended between polls
    assertTrue(seconds.getOrDefault("busy-worker", 0.0) >= 0.3, seconds::toString);
  }
}
