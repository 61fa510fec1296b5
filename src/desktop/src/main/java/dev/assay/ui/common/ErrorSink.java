package dev.assay.ui.common;

import java.util.function.Consumer;

/**
 * Where a ViewModel's user-facing failures go (the view shows a dialog; tests collect them). One
 * per ViewModel; {@link #fail(Throwable)} is the failure handler every background job shares.
 */
public final class ErrorSink {
  private Consumer<String> sink = message -> {};

  /** Sends later messages to {@code sink}. */
  public void set(Consumer<String> sink) {
    this.sink = sink;
  }

  /** Tells the user {@code message}. */
  public void say(String message) {
    sink.accept(message);
  }

  /** Tells the user what went wrong ({@link BackgroundTasks#describe(Throwable)}). */
  public void fail(Throwable error) {
    sink.accept(BackgroundTasks.describe(error));
  }
}
