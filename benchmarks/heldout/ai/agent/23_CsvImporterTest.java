package com.acme.billing.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvImporterTest {

    private static final String HEADER = "invoice_id,customer,amount,currency,due_date\n";

    private CsvImporter importer;

    @BeforeEach
    void setUp() {
        importer = new CsvImporter();
    }

    private ImportResult run(String body) {
        return importer.importFrom(new StringReader(HEADER + body));
    }

    @Test
    void importsValidRows() {
        ImportResult result = run("""
                INV-1,Acme Ltd,120.50,EUR,2024-07-01
                INV-2,Globex,99,USD,2024-07-15
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(result.invoices()).hasSize(2);
        Invoice first = result.invoices().get(0);
        assertThat(first.id()).isEqualTo("INV-1");
        assertThat(first.customer()).isEqualTo("Acme Ltd");
        assertThat(first.amount()).isEqualByComparingTo(new BigDecimal("120.50"));
        assertThat(first.currency()).isEqualTo("EUR");
        assertThat(first.dueDate()).isEqualTo(LocalDate.of(2024, 7, 1));
    }

    @Test
    void handlesQuotedFieldsWithCommas() {
        ImportResult result = run("INV-3,\"Wayne, Enterprises\",10.00,USD,2024-08-01\n");
        assertThat(result.invoices()).extracting(Invoice::customer).containsExactly("Wayne, Enterprises");
    }

    @Test
    void skipsBlankLines() {
        ImportResult result = run("\nINV-1,A,1,EUR,2024-01-01\n\n");
        assertThat(result.invoices()).hasSize(1);
        assertThat(result.errors()).isEmpty();
    }

    @Nested
    @DisplayName("row errors")
    class RowErrors {

        @ParameterizedTest(name = "[{index}] {0}")
        @CsvSource(delimiter = '|', value = {
                "INV-1,A,abc,EUR,2024-01-01 | amount",
                "INV-1,A,-5,EUR,2024-01-01  | amount",
                "INV-1,A,5,EURO,2024-01-01  | currency",
                "INV-1,A,5,EUR,01/02/2024   | due_date",
                ",A,5,EUR,2024-01-01        | invoice_id",
                "INV-1,A,5,EUR              | column count",
        })
        void reportsTheOffendingField(String row, String expectedField) {
            ImportResult result = run(row.strip() + "\n");
            assertThat(result.invoices()).isEmpty();
            assertThat(result.errors()).singleElement().satisfies(err -> {
                assertThat(err.line()).isEqualTo(2);
                assertThat(err.message()).containsIgnoringCase(expectedField.strip());
            });
        }

        @Test
        void goodRowsSurviveBadOnes() {
            ImportResult result = run("""
                    INV-1,A,1,EUR,2024-01-01
                    INV-2,B,oops,EUR,2024-01-01
                    INV-3,C,3,EUR,2024-01-01
                    """);
            assertThat(result.invoices()).extracting(Invoice::id).containsExactly("INV-1", "INV-3");
            assertThat(result.errors()).extracting(ImportError::line).containsExactly(3);
        }

        @Test
        void duplicateIdsAreRejected() {
            ImportResult result = run("INV-1,A,1,EUR,2024-01-01\nINV-1,B,2,EUR,2024-01-02\n");
            assertThat(result.invoices()).hasSize(1);
            assertThat(result.errors()).singleElement()
                    .extracting(ImportError::message).asString().contains("duplicate");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "invoice_id,customer\n", "foo,bar,baz,qux,quux\n"})
    void rejectsMissingOrWrongHeader(String content) {
        assertThatThrownBy(() -> importer.importFrom(new StringReader(content)))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("header");
    }

    @Test
    void respectsMaxRows() {
        importer = new CsvImporter(2);
        String body = String.join("\n", List.of(
                "INV-1,A,1,EUR,2024-01-01",
                "INV-2,A,1,EUR,2024-01-01",
                "INV-3,A,1,EUR,2024-01-01")) + "\n";
        assertThatThrownBy(() -> run(body))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("more than 2 rows");
    }
}
