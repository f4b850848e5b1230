<?php

declare(strict_types=1);

namespace TextUtil\Tests;

use InvalidArgumentException;
use PHPUnit\Framework\TestCase;
use TextUtil\Slugger;

final class SluggerTest extends TestCase
{
    private Slugger $slugger;

    protected function setUp(): void
    {
        $this->slugger = new Slugger();
    }

    /**
     * @dataProvider basicProvider
     */
    public function testSlugifiesBasicInput(string $input, string $expected): void
    {
        $this->assertSame($expected, $this->slugger->slug($input));
    }

    public function basicProvider(): array
    {
        return [
            'simple words'          => ['Hello World', 'hello-world'],
            'already a slug'        => ['hello-world', 'hello-world'],
            'extra whitespace'      => ['  Hello    World  ', 'hello-world'],
            'punctuation'           => ['Hello, World! How are you?', 'hello-world-how-are-you'],
            'numbers kept'          => ['Top 10 PHP tips for 2024', 'top-10-php-tips-for-2024'],
            'underscores collapsed' => ['snake_case__value', 'snake-case-value'],
            'leading symbols'       => ['---Intro---', 'intro'],
            'mixed case'            => ['CamelCase AND UPPER', 'camelcase-and-upper'],
        ];
    }

    /**
     * @dataProvider transliterationProvider
     */
    public function testTransliteratesAccentedCharacters(string $input, string $expected): void
    {
        $this->assertSame($expected, $this->slugger->slug($input));
    }

    public function transliterationProvider(): array
    {
        return [
            'german umlauts'   => ['Über größere Äpfel', 'ueber-groessere-aepfel'],
            'french accents'   => ['Crème brûlée à la française', 'creme-brulee-a-la-francaise'],
            'spanish'          => ['Año nuevo, señor', 'ano-nuevo-senor'],
            'scandinavian'     => ['Smørrebrød på Ærø', 'smorrebrod-pa-aero'],
            'ampersand'        => ['Salt & Pepper', 'salt-and-pepper'],
            'at sign'          => ['Meet @ noon', 'meet-at-noon'],
        ];
    }

    /**
     * @dataProvider emptyResultProvider
     */
    public function testReturnsEmptyStringWhenNothingSlugworthyRemains(string $input): void
    {
        $this->assertSame('', $this->slugger->slug($input));
    }

    public function emptyResultProvider(): array
    {
        return [
            'empty string' => [''],
            'only spaces'  => ['     '],
            'only symbols' => ['!!! ??? ...'],
            'emoji only'   => ["\u{1F600}\u{1F680}"],
        ];
    }

    public function testCustomSeparator(): void
    {
        $slugger = new Slugger(separator: '_');

        $this->assertSame('hello_big_world', $slugger->slug('Hello big-world'));
    }

    public function testCaseCanBePreserved(): void
    {
        $slugger = new Slugger(lowercase: false);

        $this->assertSame('Hello-World', $slugger->slug('Hello World'));
    }

    public function testSlugIsIdempotent(): void
    {
        $once = $this->slugger->slug('Ünïcödé & Friends: The Sequel!');

        $this->assertSame($once, $this->slugger->slug($once));
    }

    public function testResultOnlyContainsSafeCharacters(): void
    {
        $slug = $this->slugger->slug("Tab\there; new\nline / slash \\ quote \" end");

        $this->assertMatchesRegularExpression('/^[a-z0-9]+(?:-[a-z0-9]+)*$/', $slug);
    }

    /**
     * @dataProvider invalidConstructorProvider
     */
    public function testRejectsInvalidConfiguration(string $separator, int $maxLength, string $message): void
    {
        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage($message);

        new Slugger($separator, $maxLength);
    }

    public function invalidConstructorProvider(): array
    {
        return [
            'empty separator'        => ['', 80, 'Separator must be'],
            'alphanumeric separator' => ['x', 80, 'Separator must be'],
            'zero length'            => ['-', 0, 'Max length must be positive'],
            'negative length'        => ['-', -5, 'Max length must be positive'],
        ];
    }
}
