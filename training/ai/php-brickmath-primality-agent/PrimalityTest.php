<?php

declare(strict_types=1);

namespace Brick\Math\Tests;

use Brick\Math\BigInteger;
use Brick\Math\Exception\NumberFormatException;
use Brick\Math\Exception\RoundingNecessaryException;
use Brick\Math\Primality;

/**
 * Unit tests for class Primality.
 */
class PrimalityTest extends AbstractTestCase
{
    /**
     * @dataProvider providerIsProbablePrime
     *
     * @param string $number   The number to test.
     * @param bool   $expected The expected result.
     */
    public function testIsProbablePrime(string $number, bool $expected) : void
    {
        self::assertSame($expected, Primality::isProbablePrime($number));
    }

    public function providerIsProbablePrime() : array
    {
        return [
            ['-7', false],
            ['-1', false],
            ['0', false],
            ['1', false],
            ['2', true],
            ['3', true],
            ['4', false],
            ['9', false],
            ['37', true],
            ['41', true],
            ['49', false],
            ['97', true],
            ['7919', true],
            ['7921', false],

            // Carmichael numbers
            ['561', false],
            ['1105', false],
            ['41041', false],
            ['825265', false],

            // strong pseudoprimes to the first bases
            ['2047', false],
            ['1373653', false],
            ['3215031751', false],
            ['3825123056546413051', false],

            // Mersenne numbers
            ['2305843009213693951', true],
            ['147573952589676412927', false],
            ['618970019642690137449562111', true],
            ['170141183460469231731687303715884105727', true],

            // product of two large primes
            ['1427247692705959880439315947500961989719490561', false],
        ];
    }

    public function testIsProbablePrimeWithBigInteger() : void
    {
        self::assertTrue(Primality::isProbablePrime(BigInteger::of(2)->power(89)->minus(1)));
        self::assertFalse(Primality::isProbablePrime(BigInteger::of(2)->power(89)->plus(1)));
    }

    public function testIsProbablePrimeWithFewerRounds() : void
    {
        // 3825123056546413051 is a strong pseudoprime to all prime bases up to 31, i.e. the first 11 bases.
        self::assertTrue(Primality::isProbablePrime('3825123056546413051', 11));
        self::assertFalse(Primality::isProbablePrime('3825123056546413051', 12));

        // 318665857834031151167461 is a strong pseudoprime to all prime bases up to 37, the 13th base catches it.
        self::assertTrue(Primality::isProbablePrime('318665857834031151167461', 12));
        self::assertFalse(Primality::isProbablePrime('318665857834031151167461', 13));
    }

    public function testIsProbablePrimeUsesRandomBasesAfterSmallPrimes() : void
    {
        $calls = 0;

        $randomBytesGenerator = function (int $length) use (& $calls) : string {
            $calls++;

            return \str_repeat("\x55", $length);
        };

        self::assertTrue(Primality::isProbablePrime('618970019642690137449562111', 13, $randomBytesGenerator));
        self::assertSame(0, $calls);

        self::assertTrue(Primality::isProbablePrime('618970019642690137449562111', 16, $randomBytesGenerator));
        self::assertSame(3, $calls);
    }

    public function testIsProbablePrimeWithZeroRounds() : void
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage('The number of rounds must be at least 1.');

        Primality::isProbablePrime(97, 0);
    }

    public function testIsProbablePrimeWithNonInteger() : void
    {
        $this->expectException(RoundingNecessaryException::class);

        Primality::isProbablePrime('97.5');
    }

    public function testIsProbablePrimeWithInvalidNumber() : void
    {
        $this->expectException(NumberFormatException::class);

        Primality::isProbablePrime('ninety-seven');
    }

    /**
     * @dataProvider providerNextProbablePrime
     *
     * @param string $number   The number to start from.
     * @param string $expected The expected next prime.
     */
    public function testNextProbablePrime(string $number, string $expected) : void
    {
        self::assertBigIntegerEquals($expected, Primality::nextProbablePrime($number));
    }

    public function providerNextProbablePrime() : array
    {
        return [
            ['-100', '2'],
            ['0', '2'],
            ['1', '2'],
            ['2', '3'],
            ['3', '5'],
            ['13', '17'],
            ['24', '29'],
            ['89', '97'],
            ['7907', '7919'],
            ['1000000000000000000', '1000000000000000003'],
            ['2305843009213693950', '2305843009213693951'],
        ];
    }
}
