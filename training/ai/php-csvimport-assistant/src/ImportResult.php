<?php

declare(strict_types=1);

namespace App\Import;

/**
 * Value object describing the outcome of a CSV import run.
 *
 * Successfully parsed rows and per-row errors are collected separately
 * so that a single malformed line does not abort the whole import.
 */
final class ImportResult
{
    /** @var list<array<string, mixed>> Rows that passed validation. */
    private array $rows = [];

    /** @var array<int, string> Error messages keyed by 1-based line number. */
    private array $errors = [];

    /**
     * Record a successfully imported row.
     *
     * @param array<string, mixed> $row The typed, validated row.
     *
     * @return void
     */
    public function addRow(array $row): void
    {
        $this->rows[] = $row;
    }

    /**
     * Record an error for a given line.
     *
     * @param int    $line    The 1-based line number in the source file.
     * @param string $message A human-readable description of the problem.
     *
     * @return void
     */
    public function addError(int $line, string $message): void
    {
        $this->errors[$line] = $message;
    }

    /**
     * Get all successfully imported rows.
     *
     * @return list<array<string, mixed>>
     */
    public function getRows(): array
    {
        return $this->rows;
    }

    /**
     * Get all recorded errors keyed by line number.
     *
     * @return array<int, string>
     */
    public function getErrors(): array
    {
        return $this->errors;
    }

    /**
     * Whether the import completed without any row errors.
     *
     * @return bool
     */
    public function isSuccessful(): bool
    {
        return $this->errors === [];
    }

    /**
     * Produce a one-line summary suitable for logging.
     *
     * @return string
     */
    public function summary(): string
    {
        return sprintf(
            '%d row(s) imported, %d error(s).',
            count($this->rows),
            count($this->errors)
        );
    }
}
