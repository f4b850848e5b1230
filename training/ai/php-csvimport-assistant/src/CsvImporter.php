<?php

declare(strict_types=1);

namespace App\Import;

use InvalidArgumentException;
use RuntimeException;
use SplFileObject;

/**
 * Imports CSV data into typed associative arrays.
 *
 * The importer is driven by a schema that maps column names to types.
 * Supported types are "string", "int", "float", "bool" and "date"
 * (ISO 8601, Y-m-d). Each column may be marked as optional by suffixing
 * the type with a question mark, e.g. "float?".
 *
 * Example schema:
 *
 *     ['sku' => 'string', 'price' => 'float', 'discontinued' => 'bool?']
 */
final class CsvImporter
{
    /** @var list<string> Types understood by the converter. */
    private const SUPPORTED_TYPES = ['string', 'int', 'float', 'bool', 'date'];

    /** @var array<string, array{type: string, nullable: bool}> Parsed schema. */
    private array $schema = [];

    /**
     * Create a new importer.
     *
     * @param array<string, string> $schema    Map of column name => type.
     * @param string                $delimiter Single-character field delimiter.
     *
     * @throws InvalidArgumentException If the schema or delimiter is invalid.
     */
    public function __construct(array $schema, private readonly string $delimiter = ',')
    {
        if ($schema === []) {
            throw new InvalidArgumentException('Schema must define at least one column.');
        }

        if (strlen($delimiter) !== 1) {
            throw new InvalidArgumentException('Delimiter must be exactly one character.');
        }

        foreach ($schema as $column => $type) {
            $nullable = str_ends_with($type, '?');
            $baseType = rtrim($type, '?');

            if (!in_array($baseType, self::SUPPORTED_TYPES, true)) {
                throw new InvalidArgumentException(sprintf(
                    'Unsupported type "%s" for column "%s". Supported: %s.',
                    $type,
                    $column,
                    implode(', ', self::SUPPORTED_TYPES)
                ));
            }

            $this->schema[(string) $column] = ['type' => $baseType, 'nullable' => $nullable];
        }
    }

    /**
     * Import a CSV file from disk.
     *
     * @param string $path Path to a readable CSV file.
     *
     * @return ImportResult
     *
     * @throws InvalidArgumentException If the file does not exist or is not readable.
     * @throws RuntimeException         If the header row is missing required columns.
     */
    public function importFile(string $path): ImportResult
    {
        if (!is_file($path) || !is_readable($path)) {
            throw new InvalidArgumentException(sprintf('CSV file "%s" does not exist or is not readable.', $path));
        }

        return $this->importLines(new SplFileObject($path, 'r'));
    }

    /**
     * Import CSV data held in a string.
     *
     * @param string $csv The raw CSV text.
     *
     * @return ImportResult
     *
     * @throws RuntimeException If the header row is missing required columns.
     */
    public function importString(string $csv): ImportResult
    {
        $file = new SplFileObject('php://memory', 'w+');
        $file->fwrite($csv);
        $file->rewind();

        return $this->importLines($file);
    }

    /**
     * Read and convert every record of an open CSV file.
     *
     * @param SplFileObject $file The file positioned at its start.
     *
     * @return ImportResult
     *
     * @throws RuntimeException If the header is empty or missing columns.
     */
    private function importLines(SplFileObject $file): ImportResult
    {
        $file->setFlags(SplFileObject::READ_CSV | SplFileObject::SKIP_EMPTY | SplFileObject::READ_AHEAD);
        $file->setCsvControl($this->delimiter, '"', '');

        $result = new ImportResult();
        $header = null;

        foreach ($file as $index => $record) {
            $lineNumber = $index + 1;

            if ($header === null) {
                $header = $this->parseHeader($record);
                continue;
            }

            if (count($record) !== count($header)) {
                $result->addError($lineNumber, sprintf(
                    'Expected %d field(s) but found %d.',
                    count($header),
                    count($record)
                ));
                continue;
            }

            try {
                $result->addRow($this->convertRecord(array_combine($header, $record)));
            } catch (InvalidArgumentException $e) {
                // Keep going: one bad row should not stop the import.
                $result->addError($lineNumber, $e->getMessage());
            }
        }

        if ($header === null) {
            throw new RuntimeException('CSV input is empty; a header row is required.');
        }

        return $result;
    }

    /**
     * Validate the header row against the schema.
     *
     * @param array<int, string|null> $record The raw header fields.
     *
     * @return list<string> Trimmed column names.
     *
     * @throws RuntimeException If a schema column is absent from the header.
     */
    private function parseHeader(array $record): array
    {
        // Strip a UTF-8 byte order mark that spreadsheet tools like to add.
        $header = array_map(
            static fn (?string $name): string => trim(preg_replace('/^\xEF\xBB\xBF/', '', (string) $name) ?? ''),
            $record
        );

        $missing = array_diff(array_keys($this->schema), $header);
        if ($missing !== []) {
            throw new RuntimeException(sprintf('CSV header is missing column(s): %s.', implode(', ', $missing)));
        }

        return $header;
    }

    /**
     * Convert a raw record to typed values according to the schema.
     * Columns not present in the schema are ignored.
     *
     * @param array<string, string|null> $record The raw record keyed by header name.
     *
     * @return array<string, mixed>
     *
     * @throws InvalidArgumentException If a value cannot be converted.
     */
    private function convertRecord(array $record): array
    {
        $row = [];

        foreach ($this->schema as $column => ['type' => $type, 'nullable' => $nullable]) {
            $raw = trim((string) $record[$column]);

            if ($raw === '') {
                if (!$nullable) {
                    throw new InvalidArgumentException(sprintf('Column "%s" is required.', $column));
                }
                $row[$column] = null;
                continue;
            }

            $row[$column] = TypeConverter::convert($raw, $type, $column);
        }

        return $row;
    }
}
