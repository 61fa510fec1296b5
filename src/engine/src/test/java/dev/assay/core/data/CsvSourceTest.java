package dev.assay.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private static List<String[]> readAll(CsvSource source) {
    List<String[]> rows = new ArrayList<>();
    String[] record;
    while ((record = source.next()) != null) {
      rows.add(record);
    }
    return rows;
  }

  @Test
  void readsCommaSeparatedFileWithHeaderAndRows() throws IOException {
    Path file = write("a.csv", "x,y,name\n1,2.5,alpha\n3,-4e2,beta\n");
    try (CsvSource source = CsvSource.open(file)) {
      assertThat(source.dialect()).isEqualTo(new CsvDialect(',', "UTF-8", false, false));
      assertThat(source.header()).containsExactly("x", "y", "name");
      assertThat(source.next()).containsExactly("1", "2.5", "alpha");
      assertThat(source.row()).isEqualTo(1);
      assertThat(source.line()).isEqualTo(2);
      assertThat(source.next()).containsExactly("3", "-4e2", "beta");
      assertThat(source.row()).isEqualTo(2);
      assertThat(source.line()).isEqualTo(3);
      assertThat(source.next()).isNull();
      assertThat(source.bytesRead()).isEqualTo(source.sizeBytes()).isEqualTo(Files.size(file));
    }
  }

  @Test
  void sniffsSemicolonWhenValuesUseDecimalCommas() throws IOException {
    Path file = write("semi.csv", "price;name;qty\n1,5;\"a;b\";3\n2,25;c;4\n");
    try (CsvSource source = CsvSource.open(file)) {
      assertThat(source.dialect().separator()).isEqualTo(';');
      assertThat(source.header()).containsExactly("price", "name", "qty");
      assertThat(readAll(source))
          .containsExactly(new String[] {"1,5", "a;b", "3"}, new String[] {"2,25", "c", "4"});
    }
  }

  @Test
  void sniffsTabSeparatorEvenWhenFieldsContainCommas() throws IOException {
    Path file = write("tab.tsv", "city\tnote\nParis\thello, world\nRome\tx, y, z\n");
    try (CsvSource source = CsvSource.open(file)) {
      assertThat(source.dialect().separator()).isEqualTo('\t');
      assertThat(readAll(source))
          .containsExactly(
              new String[] {"Paris", "hello, world"}, new String[] {"Rome", "x, y, z"});
    }
  }

  @Test
  void removesUtf8ByteOrderMarkFromFirstHeaderName() throws IOException {
    Path file = write("bom.csv", "\uFEFFid,city\n1,Zürich\n");
    try (CsvSource source = CsvSource.open(file)) {
      assertThat(source.dialect().bom()).isTrue();
      assertThat(source.dialect().charset()).isEqualTo("UTF-8");
      assertThat(source.header()).containsExactly("id", "city");
      assertThat(source.next()).containsExactly("1", "Zürich");
    }
  }

  @Test
  void readsCrlfLineEndsWithoutCarriageReturnsInFields() throws IOException {
    Path file = write("crlf.csv", "a,b\r\n1,2\r\n3,\r\n");
    try (CsvSource source = CsvSource.open(file)) {
      assertThat(source.header()).containsExactly("a", "b");
      assertThat(readAll(source)).containsExactly(new String[] {"1", "2"}, new String[] {"3", ""});
    }
  }

  @Test
  void quotedFieldKeepsSeparatorDoubledQuotesAndNewlineAndLineNumbersFollowPhysicalLines()
      throws IOException {
    String text =
        "id,comment,score\r\n"
            + "1,\"hello, world\",3\r\n"
            + "2,\"she said \"\"hi\"\"\r\nand left\",4\r\n"
            + "3,plain,5\r\n";
    try (CsvSource source = CsvSource.open(write("q.csv", text))) {
      assertThat(source.next()).containsExactly("1", "hello, world", "3");
      assertThat(source.next()).containsExactly("2", "she said \"hi\"\r\nand left", "4");
      assertThat(source.row()).isEqualTo(2);
      assertThat(source.line()).isEqualTo(3);
      assertThat(source.next()).containsExactly("3", "plain", "5");
      assertThat(source.row()).isEqualTo(3);
      assertThat(source.line()).isEqualTo(5);
    }
  }

  @Test
  void trimsUnquotedFieldsButKeepsQuotedSpacesAndSkipsBlankLines() throws IOException {
    Path file = write("sp.csv", " a , b \n 1 ,\"  x  \"\n\n   \n2,y\n");
    try (CsvSource source = CsvSource.open(file)) {
      assertThat(source.header()).containsExactly("a", "b");
      assertThat(source.next()).containsExactly("1", "  x  ");
      assertThat(source.next()).containsExactly("2", "y");
      assertThat(source.row()).isEqualTo(2);
      assertThat(source.line()).isEqualTo(5);
    }
  }

  @Test
  void returnsShortAndLongRecordsAsWrittenWithTheirRowNumbers() throws IOException {
    Path file = write("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n");
    try (CsvSource source = CsvSource.open(file)) {
      List<String[]> rows = readAll(source);
      assertThat(rows).extracting(r -> r.length).containsExactly(3, 2, 4);
    }
  }

  @Test
  void headerOnlyFileHasNoRows() throws IOException {
    try (CsvSource source = CsvSource.open(write("h.csv", "a;b;c\n"))) {
      assertThat(source.header()).containsExactly("a", "b", "c");
      assertThat(source.dialect().separator()).isEqualTo(';');
      assertThat(source.next()).isNull();
      assertThat(source.row()).isZero();
    }
  }

  @Test
  void keepsDuplicateHeaderNames() throws IOException {
    try (CsvSource source = CsvSource.open(write("d.csv", "x,x,y\n1,2,3\n"))) {
      assertThat(source.header()).containsExactly("x", "x", "y");
    }
  }

  @Test
  void decodesLatin1FileAsWindows1252() throws IOException {
    byte[] bytes =
        "name;city\nMüller;Köln\nGarçon;Besançon\n".getBytes(Charset.forName("ISO-8859-1"));
    try (CsvSource source = CsvSource.open(write("latin1.csv", bytes))) {
      assertThat(source.dialect().charset()).isEqualTo("windows-1252");
      assertThat(source.dialect().separator()).isEqualTo(';');
      assertThat(readAll(source))
          .containsExactly(new String[] {"Müller", "Köln"}, new String[] {"Garçon", "Besançon"});
    }
  }

  @Test
  void invalidUtf8AfterTheSniffedStartIsAnErrorNamingRowLineAndColumn() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("id,name\n".getBytes(StandardCharsets.UTF_8));
    int rows = 10_000; // about 100 KiB of valid UTF-8, beyond the 64 KiB sample
    for (int i = 1; i <= rows; i++) {
      bytes.writeBytes((i + ",Zoë number " + i + "\n").getBytes(StandardCharsets.UTF_8));
    }
    bytes.writeBytes("10001,M".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xFC); // 'ü' in Latin-1: invalid in UTF-8
    bytes.writeBytes("ller\n".getBytes(StandardCharsets.UTF_8));
    Path file = write("mixed.csv", bytes.toByteArray());
    try (CsvSource source = CsvSource.open(file)) {
      assertThat(source.dialect().charset()).isEqualTo("UTF-8");
      for (int i = 0; i < rows; i++) {
        assertThat(source.next()).isNotNull();
      }
      assertThatThrownBy(source::next)
          .isInstanceOf(AssayException.class)
          .hasMessageContaining("mixed.csv")
          .hasMessageContaining("data row 10001")
          .hasMessageContaining("line 10002")
          .hasMessageContaining("column 'name'")
          .hasMessageContaining("UTF-8");
    }
  }

  @Test
  void readsGzipFileByMagicBytesWhateverItsName() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write("a\tb\n1\t2\n3\t4\n".getBytes(StandardCharsets.UTF_8));
    }
    for (String name : List.of("data.csv.gz", "data.csv")) {
      try (CsvSource source = CsvSource.open(write(name, bytes.toByteArray()))) {
        assertThat(source.dialect()).isEqualTo(new CsvDialect('\t', "UTF-8", true, false));
        assertThat(source.header()).containsExactly("a", "b");
        assertThat(readAll(source)).hasSize(2);
        assertThat(source.bytesRead()).isEqualTo(source.sizeBytes());
      }
    }
  }

  @Test
  void emptyFileIsAClearError() throws IOException {
    Path file = write("empty.csv", new byte[0]);
    assertThatThrownBy(() -> CsvSource.open(file))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("empty.csv")
        .hasMessageContaining("empty");
  }

  @Test
  void blankFileHasNoHeaderRow() throws IOException {
    Path file = write("blank.csv", "\n\n  \n");
    assertThatThrownBy(() -> CsvSource.open(file))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("blank.csv")
        .hasMessageContaining("no header row");
  }

  @Test
  void missingFileIsAnErrorNamingIt() {
    Path file = dir.resolve("nowhere.csv");
    assertThatThrownBy(() -> CsvSource.open(file))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("nowhere.csv")
        .hasMessageContaining("not found");
  }

  @Test
  void binaryFileIsRejectedAsNotText() throws IOException {
    Path file = write("model.onnx", new byte[] {8, 7, 18, 0, 1, 2, 0, 0});
    assertThatThrownBy(() -> CsvSource.open(file))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("model.onnx")
        .hasMessageContaining("not a text file");
  }

  @Test
  void unclosedQuoteIsAnErrorNamingRowAndLine() throws IOException {
    Path file = write("open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
    try (CsvSource source = CsvSource.open(file)) {
      assertThat(source.next()).containsExactly("1", "2");
      assertThatThrownBy(source::next)
          .isInstanceOf(AssayException.class)
          .hasMessageContaining("open.csv")
          .hasMessageContaining("data row 2")
          .hasMessageContaining("line 3");
    }
  }

  @Test
  void corruptGzipIsAClearError() throws IOException {
    Path file = write("bad.csv.gz", new byte[] {0x1F, (byte) 0x8B, 8, 0, 1, 2, 3});
    assertThatThrownBy(() -> CsvSource.open(file))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("bad.csv.gz")
        .hasMessageContaining("gzip");
  }
}
