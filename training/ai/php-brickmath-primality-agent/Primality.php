<?php

declare(strict_types=1);

namespace Brick\Math;

use Brick\Math\Exception\MathException;

/**
 * Primality testing for arbitrary-size integers.
 *
 * The test is Miller-Rabin. The first rounds use the smallest prime numbers as bases, which makes the result exact for
 * every number below 3,317,044,064,679,887,385,961,981 as long as at least 13 rounds are used. Larger numbers are
 * only known to be prime with a very high probability: a composite number passes each random round with a probability
 * of at most 1/4.
 *
 * @psalm-immutable
 */
final class Primality
{
    /**
     * The prime numbers used for trial division, and as the first Miller-Rabin bases.
     */
    private const SMALL_PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41];

    /**
     * Private constructor. This class only contains static methods.
     */
    private function __construct()
    {
    }

    /**
     * Returns whether the given number is probably prime.
     *
     * Zero, one, and negative numbers are never prime.
     *
     * @psalm-param (callable(int): string)|null $randomBytesGenerator
     *
     * @param BigNumber|int|float|string $number               The number to test. Must be convertible to a BigInteger.
     * @param int                        $rounds               The number of Miller-Rabin rounds. Must be at least 1.
     * @param callable|null              $randomBytesGenerator The random bytes generator used to pick the bases of the
     *                                                         rounds after the 13th one, see BigInteger::randomBits().
     *
     * @return bool
     *
     * @throws MathException             If the number cannot be converted to a BigInteger.
     * @throws \InvalidArgumentException If the number of rounds is less than 1.
     */
    public static function isProbablePrime($number, int $rounds = 20, ?callable $randomBytesGenerator = null) : bool
    {
        if ($rounds < 1) {
            throw new \InvalidArgumentException('The number of rounds must be at least 1.');
        }

        $number = BigInteger::of($number);

        if ($number->isLessThan(2)) {
            return false;
        }

        foreach (self::SMALL_PRIMES as $prime) {
            if ($number->isEqualTo($prime)) {
                return true;
            }

            if ($number->mod($prime)->isZero()) {
                return false;
            }
        }

        // write n - 1 as 2^s * d, with d odd
        $nMinusOne = $number->minus(1);
        $s = $nMinusOne->getLowestSetBit();
        $d = $nMinusOne->shiftedRight($s);

        for ($round = 0; $round < $rounds; $round++) {
            if ($round < \count(self::SMALL_PRIMES)) {
                $base = BigInteger::of(self::SMALL_PRIMES[$round]);
            } else {
                $base = BigInteger::randomRange(2, $nMinusOne->minus(1), $randomBytesGenerator);
            }

            if (self::isWitness($base, $number, $nMinusOne, $d, $s)) {
                return false;
            }
        }

        return true;
    }

    /**
     * Returns the smallest probable prime strictly greater than the given number.
     *
     * @param BigNumber|int|float|string $number The number to start from. Must be convertible to a BigInteger.
     * @param int                        $rounds The number of Miller-Rabin rounds for each candidate.
     *
     * @return BigInteger
     *
     * @throws MathException             If the number cannot be converted to a BigInteger.
     * @throws \InvalidArgumentException If the number of rounds is less than 1.
     */
    public static function nextProbablePrime($number, int $rounds = 20) : BigInteger
    {
        $number = BigInteger::of($number);

        if ($number->isLessThan(2)) {
            return BigInteger::of(2);
        }

        $candidate = $number->plus(1);

        if ($candidate->isEven()) {
            if ($candidate->isEqualTo(2)) {
                return $candidate;
            }

            $candidate = $candidate->plus(1);
        }

        while (! self::isProbablePrime($candidate, $rounds)) {
            $candidate = $candidate->plus(2);
        }

        return $candidate;
    }

    /**
     * Returns whether the given base proves that the number is composite.
     *
     * @param BigInteger $base      The base, in the range [2, n - 2].
     * @param BigInteger $number    The odd number being tested, n.
     * @param BigInteger $nMinusOne n - 1.
     * @param BigInteger $d         The odd part of n - 1.
     * @param int        $s         The number of times 2 divides n - 1.
     *
     * @return bool
     */
    private static function isWitness(BigInteger $base, BigInteger $number, BigInteger $nMinusOne, BigInteger $d, int $s) : bool
    {
        $x = $base->modPow($d, $number);

        if ($x->isEqualTo(1) || $x->isEqualTo($nMinusOne)) {
            return false;
        }

        for ($i = 1; $i < $s; $i++) {
            $x = $x->modPow(2, $number);

            if ($x->isEqualTo($nMinusOne)) {
                return false;
            }

            if ($x->isEqualTo(1)) {
                return true;
            }
        }

        return true;
    }
}
