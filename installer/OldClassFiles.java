import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a jar whose classes are older than Java 6 (class file version below 50, such as
 * picocli's, built for Java 5) as Java 17 class files with stack maps (JDK 24+ class-file API), in
 * place. The JVM's AOT cache (JEP 483) leaves such old classes out, so every CLI start loaded and
 * verified picocli's 170-odd classes from the jar with the old verifier (issue 14). Only the
 * version and the stack maps change; the code, constants and attributes stay. Run by
 * installer/cli-aot.sh before the caches are trained; a jar with no old class is left untouched.
 *
 * <p>{@code java installer/OldClassFiles.java JAR...}
 */
public final class OldClassFiles {
  private static final int TARGET = ClassFile.JAVA_17_VERSION;

  public static void main(String[] args) throws IOException {
    for (String arg : args) {
      Path jar = Path.of(arg);
      int upgraded = upgrade(jar);
      if (upgraded > 0) {
        System.out.println(jar.getFileName() + ": " + upgraded + " classes rewritten as Java 17");
      }
    }
  }

  private static int upgrade(Path jar) throws IOException {
    Path temp = jar.resolveSibling(jar.getFileName() + ".tmp");
    int upgraded = 0;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        ZipFile zip = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temp))) {
      ClassFile files =
          ClassFile.of(
              ClassFile.ClassHierarchyResolverOption.of(
                  ClassHierarchyResolver.defaultResolver()
                      .orElse(ClassHierarchyResolver.ofResourceParsing(loader))),
              ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        byte[] bytes = zip.getInputStream(entry).readAllBytes();
        if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
          ClassModel model = files.parse(bytes);
          if (model.majorVersion() < ClassFile.JAVA_6_VERSION) {
            bytes =
                files.transformClass(
                    model,
                    ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                        .andThen(
                            (builder, element) -> {
                              if (element instanceof ClassFileVersion) {
                                builder.withVersion(TARGET, 0);
                              } else {
                                builder.with(element);
                              }
                            }));
            upgraded++;
          }
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    if (upgraded > 0) {
      Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.delete(temp);
    }
    return upgraded;
  }
}
