package dev.assay.ui.common;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Lowers the scheduling priority of the desktop app's background threads, so that the FX thread and
 * the renderer get a core when they need one while a long job (a 1M-row comparison) keeps all cores
 * busy. On a 2-core machine a comparison runs two busy threads (inference and CSV parsing); at
 * equal priority the FX and render threads waited tens of milliseconds for a core each frame.
 *
 * <p>Linux ignores Java thread priorities, so there the calling thread's nice value is raised with
 * {@code setpriority(PRIO_PROCESS, gettid(), n)} (through the FFM API; threads it starts inherit
 * it). Elsewhere the Java priority is set to {@link Thread#MIN_PRIORITY}, which Windows honours and
 * new threads inherit. Only the desktop app calls this: the CLI keeps normal priority. A niced
 * thread loses nothing when the cores are otherwise idle.
 *
 * <p>{@code -Dassay.background.nice=N} sets the nice value (default {@value #DEFAULT_NICE}); 0
 * turns this off.
 */
public final class BackgroundPriority {
  static final int DEFAULT_NICE = 10;
  private static final int PRIO_PROCESS = 0;

  private BackgroundPriority() {}

  /** Lowers the calling thread's priority; never fails (returns false if it could not). */
  public static boolean lowerCurrentThread() {
    int nice = Integer.getInteger("assay.background.nice", DEFAULT_NICE);
    if (nice <= 0) {
      return false;
    }
    Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return true;
    }
    try {
      return Native.setNice(nice);
    } catch (Throwable e) {
      // no native access (the launcher enables it), no glibc: stay at normal priority
      return false;
    }
  }

  /** The libc calls, looked up once. */
  private static final class Native {
    private static final MethodHandle GETTID;
    private static final MethodHandle SETPRIORITY;

    static {
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      GETTID =
          linker.downcallHandle(
              libc.find("gettid").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
      SETPRIORITY =
          linker.downcallHandle(
              libc.find("setpriority").orElseThrow(),
              FunctionDescriptor.of(
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_INT));
    }

    static boolean setNice(int nice) throws Throwable {
      int tid = (int) GETTID.invokeExact();
      return (int) SETPRIORITY.invokeExact(PRIO_PROCESS, tid, nice) == 0;
    }
  }
}
