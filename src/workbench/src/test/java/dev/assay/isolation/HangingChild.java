package dev.assay.isolation;

/** Stands in for a model that hangs ONNX Runtime: never returns and never prints a result. */
public final class HangingChild {
  private HangingChild() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println(dev.assay.core.security.IsolatedLoader.STARTED_MARKER);
    System.out.flush();
    while (true) {
      Thread.sleep(60_000);
    }
  }
}
