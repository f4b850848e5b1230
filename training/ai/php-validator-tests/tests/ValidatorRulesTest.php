<?php

declare(strict_types=1);

namespace Validation\Tests;

use PHPUnit\Framework\TestCase;
use Validation\Validator;

final class ValidatorRulesTest extends TestCase
{
    /**
     * @dataProvider passingCases
     */
    public function testValuePasses(string $rules, mixed $value): void
    {
        $validator = new Validator(['field' => $rules]);

        $this->assertTrue(
            $validator->validate(['field' => $value]),
            'Unexpected errors: ' . json_encode($validator->errors())
        );
        $this->assertSame([], $validator->errors());
    }

    public function passingCases(): array
    {
        return [
            'string'                 => ['string', 'abc'],
            'int from int'           => ['int', 42],
            'int from numeric string'=> ['int', '17'],
            'negative int'           => ['int', '-3'],
            'email'                  => ['email', 'jane.doe@example.com'],
            'min number'             => ['int|min:18', 18],
            'max number'             => ['int|max:10', '10'],
            'min string length'      => ['string|min:3', 'abc'],
            'max multibyte length'   => ['string|max:4', 'ÄÖÜß'],
            'array count'            => ['min:2|max:3', [1, 2, 3]],
            'in list'                => ['in:draft,published', 'draft'],
            'regex'                  => ['regex:/^[A-Z]{2}\d{4}$/', 'AB1234'],
            'valid date'             => ['date', '2024-02-29'],
            'optional and absent'    => ['email', ''],
        ];
    }

    /**
     * @dataProvider failingCases
     */
    public function testValueFailsWithMessage(string $rules, mixed $value, string $expectedMessage): void
    {
        $validator = new Validator(['field' => $rules]);

        $this->assertFalse($validator->validate(['field' => $value]));
        $this->assertSame(['field' => [$expectedMessage]], $validator->errors());
    }

    public function failingCases(): array
    {
        return [
            'required empty string' => ['required', '', 'field is required.'],
            'required null'         => ['required|string', null, 'field is required.'],
            'required empty array'  => ['required', [], 'field is required.'],
            'not a string'          => ['string', 12, 'field must be a string.'],
            'float is not int'      => ['int', '1.5', 'field must be an integer.'],
            'bool is not int'       => ['int', true, 'field must be an integer.'],
            'bad email'             => ['email', 'not-an-email', 'field must be a valid email address.'],
            'below min'             => ['int|min:18', 17, 'field must be at least 18.'],
            'above max'             => ['int|max:10', 11, 'field must be at most 10.'],
            'string too short'      => ['string|min:5', 'abc', 'field must be at least 5.'],
            'too many items'        => ['max:2', [1, 2, 3], 'field must be at most 2.'],
            'not in list'           => ['in:a,b,c', 'd', 'field must be one of: a, b, c.'],
            'regex mismatch'        => ['regex:/^\d+$/', '12a', 'field has an invalid format.'],
            'impossible date'       => ['date', '2023-02-29', 'field must be a date (Y-m-d).'],
            'wrong date format'     => ['date', '29/02/2024', 'field must be a date (Y-m-d).'],
        ];
    }

    public function testStopsAtFirstFailingRulePerField(): void
    {
        $validator = new Validator(['age' => 'required|int|min:18']);

        $validator->validate(['age' => 'abc']);

        $this->assertCount(1, $validator->errors()['age']);
        $this->assertSame('age must be an integer.', $validator->errors()['age'][0]);
    }

    public function testZeroIsConsideredPresent(): void
    {
        $validator = new Validator(['count' => 'required|int|min:0']);

        $this->assertTrue($validator->validate(['count' => 0]));
    }
}
