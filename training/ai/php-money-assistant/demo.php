<?php

declare(strict_types=1);

/**
 * Demonstrates exact money arithmetic, allocation and invoice totals.
 * Run with: php demo.php
 */

require __DIR__ . '/src/Currency.php';
require __DIR__ . '/src/Money.php';
require __DIR__ . '/src/InvoiceCalculator.php';

use App\Money\InvoiceCalculator;
use App\Money\Money;

// 0.1 + 0.2 is exactly 0.3 when working in minor units.
$sum = Money::of('0.10', 'USD')->plus(Money::of('0.20', 'USD'));
echo 'Sum: ', $sum, PHP_EOL;

// Splitting $100 three ways does not lose the final cent.
$parts = Money::of('100', 'USD')->allocate([1, 1, 1]);
echo 'Split: ', implode(' | ', array_map('strval', $parts)), PHP_EOL;

// Currencies without minor units are handled too.
echo 'Yen: ', Money::of('1500', 'JPY')->multiply(1.1), PHP_EOL;

$invoice = (new InvoiceCalculator('EUR', 0.21))
    ->addLine('Consulting hour', Money::of('95.00', 'EUR'), 3)
    ->addLine('Travel expenses', Money::of('42.35', 'EUR'));

foreach ($invoice->totals(0.05) as $label => $money) {
    printf("%-9s %12s\n", ucfirst($label) . ':', $money);
}

// Defensive checks produce readable errors.
$badInputs = [
    static fn () => Money::of('1.234', 'USD'),
    static fn () => Money::of('5', 'USD')->plus(Money::of('5', 'EUR')),
    static fn () => Money::of('5', 'XYZ'),
];

foreach ($badInputs as $attempt) {
    try {
        $attempt();
    } catch (InvalidArgumentException $e) {
        echo 'Error: ', $e->getMessage(), PHP_EOL;
    }
}
