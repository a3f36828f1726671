package io.aimon.jobs.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = AimonCommand.class.getPackage().getImplementationVersion();
    return new String[] {"aimon " + (v == null ? "development" : v)};
  }
}
