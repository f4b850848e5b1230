<?php

declare(strict_types=1);

namespace TextUtil\Tests;

use PHPUnit\Framework\TestCase;
use TextUtil\Slugger;

final class SluggerTruncationTest extends TestCase
{
    /**
     * @dataProvider truncationProvider
     */
    public function testTruncatesAtWordBoundary(int $max, string $input, string $expected): void
    {
        $slugger = new Slugger(maxLength: $max);

        $result = $slugger->slug($input);

        $this->assertSame($expected, $result);
        $this->assertLessThanOrEqual($max, strlen($result));
    }

    public function truncationProvider(): array
    {
        return [
            'fits exactly'            => [11, 'hello world', 'hello-world'],
            'cuts before partial word' => [8, 'hello world', 'hello'],
            'cut lands on separator'  => [5, 'hello world', 'hello'],
            'single long word'        => [4, 'supercalifragilistic', 'supe'],
            'no trailing separator'   => [6, 'hello world', 'hello'],
            'several words'           => [15, 'the quick brown fox jumps', 'the-quick-brown'],
        ];
    }

    public function testUniqueReturnsBaseSlugWhenFree(): void
    {
        $slugger = new Slugger();

        $this->assertSame('my-post', $slugger->unique('My Post', ['other-post']));
    }

    public function testUniqueAppendsIncrementingSuffix(): void
    {
        $slugger = new Slugger();
        $taken = ['my-post', 'my-post-2', 'my-post-3'];

        $this->assertSame('my-post-4', $slugger->unique('My Post', $taken));
    }

    public function testUniqueAcceptsGenerators(): void
    {
        $slugger = new Slugger();
        $taken = (static function (): \Generator {
            yield 'report';
            yield 'report-2';
        })();

        $this->assertSame('report-3', $slugger->unique('Report', $taken));
    }

    public function testUniqueKeepsSuffixWithinMaxLength(): void
    {
        $slugger = new Slugger(maxLength: 12);

        $result = $slugger->unique('annual report', ['annual-report', 'annual']);

        $this->assertSame('annual-2', $result);
        $this->assertLessThanOrEqual(12, strlen($result));
    }

    public function testUniqueFillsGaps(): void
    {
        $slugger = new Slugger();

        $this->assertSame('item-2', $slugger->unique('item', ['item', 'item-3', 'item-4']));
    }

    public function testUniqueWithCustomSeparator(): void
    {
        $slugger = new Slugger(separator: '_');

        $this->assertSame('a_b_2', $slugger->unique('A B', ['a_b']));
    }
}
