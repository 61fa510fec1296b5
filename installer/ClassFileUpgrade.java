import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites, in place, the classes of a jar compiled for Java 5 or older (class-file version below
 * 50) as Java 8 class files (version 52) with the stack-map frames such a version requires, with
 * the JDK's own class-file API; nothing else in the jar changes (the same code, entries, order and
 * times). Run by installer/cli-aot.sh, when ASSAY_AOT_PICOCLI_JAVA8=1, on the distribution's
 * picocli jar before it trains the CLI's AOT cache (issue 14): the JVM cannot keep a class older
 * than version 50 linked in an AOT cache ("Old class has been linked"), so every CLI command loads
 * picocli's classes (and the commands that implement its interfaces) from the jar and verifies them
 * with the old verifier. Off by default because the rewritten jar is no longer the published one
 * that the SBOM names. A jar with
 * nothing older than version 50 is left as it is; a jar whose classes cannot be rewritten (for
 * example old jsr/ret subroutines) is left as it is with one line on stderr.
 *
 * <pre>java installer/ClassFileUpgrade.java JAR...</pre>
 */
public final class ClassFileUpgrade {
  private static final int MODERN = 50;
  private static final int TARGET = 52;

  private ClassFileUpgrade() {}

  public static void main(String[] args) throws Exception {
    for (String name : args) {
      Path jar = Path.of(name);
      try {
        int upgraded = upgrade(jar);
        if (upgraded > 0) {
          System.out.println(jar.getFileName() + ": " + upgraded + " classes now Java 8 class files");
        }
      } catch (RuntimeException e) {
        System.err.println(jar.getFileName() + " left as it is: " + e);
      }
    }
  }

  /** Rewrites {@code jar} in place; returns how many classes were rewritten (0: unchanged). */
  static int upgrade(Path jar) throws Exception {
    Path out = jar.resolveSibling(jar.getFileName() + ".upgrading");
    int upgraded = 0;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        ZipFile zip = new ZipFile(jar.toFile());
        ZipOutputStream target = new ZipOutputStream(Files.newOutputStream(out))) {
      // the jar's own classes resolved from the jar (frames need their common super classes)
      ClassFile classFile =
          ClassFile.of(
              ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
              ClassFile.ClassHierarchyResolverOption.of(
                  ClassHierarchyResolver.defaultResolver()
                      .orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
      ClassTransform version =
          (builder, element) -> {
            if (element instanceof ClassFileVersion) {
              builder.withVersion(TARGET, 0);
            } else {
              builder.with(element);
            }
          };
      // every method body re-emitted element by element, so that its frames are computed
      ClassTransform upgrade =
          version.andThen(ClassTransform.transformingMethodBodies((code, op) -> code.with(op)));
      for (ZipEntry entry : Collections.list(zip.entries())) {
        byte[] bytes = zip.getInputStream(entry).readAllBytes();
        if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
          ClassModel model = classFile.parse(bytes);
          if (model.majorVersion() < MODERN) {
            bytes = classFile.transformClass(model, upgrade);
            upgraded++;
          }
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        target.putNextEntry(copy);
        target.write(bytes);
        target.closeEntry();
      }
    } catch (Exception | Error e) {
      Files.deleteIfExists(out);
      throw e;
    }
    if (upgraded == 0) {
      Files.delete(out);
      return 0;
    }
    try {
      verify(out);
    } catch (Exception | Error e) {
      Files.delete(out);
      throw new IllegalStateException("a rewritten class does not load: " + e, e);
    }
    Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
    return upgraded;
  }

  /** Loads, verifies and initialises every class of {@code jar} in a loader of its own. */
  private static void verify(Path jar) throws Exception {
    try (URLClassLoader loader =
            new URLClassLoader(
                new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        String name = entry.getName();
        if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
          Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), true, loader);
        }
      }
    }
  }
}
