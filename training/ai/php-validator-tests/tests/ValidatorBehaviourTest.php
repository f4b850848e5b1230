<?php

declare(strict_types=1);

namespace Validation\Tests;

use InvalidArgumentException;
use PHPUnit\Framework\TestCase;
use Validation\Validator;

final class ValidatorBehaviourTest extends TestCase
{
    private Validator $validator;

    protected function setUp(): void
    {
        $this->validator = new Validator([
            'name'         => 'required|string|min:2|max:50',
            'email'        => 'required|email',
            'age'          => 'int|min:13',
            'role'         => 'in:admin,editor,viewer',
            'address.city' => 'required|string',
            'address.zip'  => 'regex:/^\d{5}$/',
        ]);
    }

    private function validPayload(): array
    {
        return [
            'name'    => 'Grace Hopper',
            'email'   => 'grace@example.org',
            'age'     => 85,
            'role'    => 'admin',
            'address' => ['city' => 'Arlington', 'zip' => '22201'],
        ];
    }

    public function testValidPayloadPasses(): void
    {
        $this->assertTrue($this->validator->validate($this->validPayload()));
        $this->assertSame([], $this->validator->errors());
    }

    public function testOptionalFieldsMayBeOmitted(): void
    {
        $payload = $this->validPayload();
        unset($payload['age'], $payload['role'], $payload['address']['zip']);

        $this->assertTrue($this->validator->validate($payload));
    }

    public function testCollectsErrorsForEveryInvalidField(): void
    {
        $result = $this->validator->validate([
            'name'  => 'G',
            'email' => 'nope',
            'age'   => 10,
        ]);

        $this->assertFalse($result);
        $this->assertSame(
            ['name', 'email', 'age', 'address.city'],
            array_keys($this->validator->errors())
        );
    }

    public function testNestedFieldErrorsUseDotNotation(): void
    {
        $payload = $this->validPayload();
        $payload['address']['zip'] = 'ABCDE';

        $this->validator->validate($payload);

        $this->assertSame(
            ['address.zip' => ['address.zip has an invalid format.']],
            $this->validator->errors()
        );
    }

    public function testNestedLookupToleratesNonArrayParent(): void
    {
        $payload = $this->validPayload();
        $payload['address'] = 'Somewhere';

        $this->validator->validate($payload);

        $this->assertSame(['address.city is required.'], $this->validator->errors()['address.city']);
    }

    public function testErrorsAreResetBetweenRuns(): void
    {
        $this->validator->validate([]);
        $this->assertNotEmpty($this->validator->errors());

        $this->validator->validate($this->validPayload());
        $this->assertSame([], $this->validator->errors());
    }

    public function testEmptyPayloadReportsOnlyRequiredFields(): void
    {
        $this->validator->validate([]);

        $this->assertEqualsCanonicalizing(
            ['name', 'email', 'address.city'],
            array_keys($this->validator->errors())
        );
    }

    public function testUnknownRuleIsRejectedAtConstruction(): void
    {
        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage('Unknown rule "uuid" on field "id".');

        new Validator(['id' => 'required|uuid']);
    }

    public function testEmptyRuleSegmentsAreIgnored(): void
    {
        $validator = new Validator(['x' => 'required||int|']);

        $this->assertTrue($validator->validate(['x' => '5']));
    }
}
