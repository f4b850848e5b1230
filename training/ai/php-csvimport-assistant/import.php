<?php

declare(strict_types=1);

/**
 * Command-line entry point.
 *
 * Usage: php import.php [path/to/products.csv]
 * Without an argument, a small built-in sample is imported.
 */

require __DIR__ . '/src/ImportResult.php';
require __DIR__ . '/src/TypeConverter.php';
require __DIR__ . '/src/CsvImporter.php';

use App\Import\CsvImporter;

$schema = [
    'sku' => 'string',
    'name' => 'string',
    'price' => 'float',
    'stock' => 'int',
    'active' => 'bool',
    'released' => 'date?',
];

$sample = <<<CSV
sku,name,price,stock,active,released
A-100,"Desk Lamp, brass",49.90,12,yes,2023-04-01
A-101,Notebook,"1,299.00",3,no,
A-102,Pen,abc,100,yes,2023-01-15
A-103,Stapler,9.99,7,maybe,2023-02-30
A-104,Chair,120
CSV;

try {
    $importer = new CsvImporter($schema);
    $result = isset($argv[1]) ? $importer->importFile($argv[1]) : $importer->importString($sample);
} catch (InvalidArgumentException | RuntimeException $e) {
    fwrite(STDERR, 'Import failed: ' . $e->getMessage() . PHP_EOL);
    exit(1);
}

foreach ($result->getRows() as $row) {
    printf(
        "%-6s %-18s %9.2f %4d %-5s %s\n",
        $row['sku'],
        $row['name'],
        $row['price'],
        $row['stock'],
        $row['active'] ? 'yes' : 'no',
        $row['released']?->format('Y-m-d') ?? '-'
    );
}

foreach ($result->getErrors() as $line => $message) {
    printf("Line %d: %s\n", $line, $message);
}

echo $result->summary(), PHP_EOL;
exit($result->isSuccessful() ? 0 : 2);
