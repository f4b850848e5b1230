<?php

declare(strict_types=1);

namespace Validation;

use InvalidArgumentException;

/**
 * Rule-string based validator, e.g. ['email' => 'required|email', 'age' => 'int|min:18'].
 */
final class Validator
{
    /** @var array<string, list<string>> */
    private array $errors = [];

    /** @param array<string, string> $rules */
    public function __construct(private readonly array $rules)
    {
        foreach ($rules as $field => $spec) {
            foreach ($this->parse($spec) as [$name]) {
                if (!method_exists($this, 'rule' . ucfirst($name))) {
                    throw new InvalidArgumentException(sprintf('Unknown rule "%s" on field "%s".', $name, $field));
                }
            }
        }
    }

    /** @param array<string, mixed> $data */
    public function validate(array $data): bool
    {
        $this->errors = [];

        foreach ($this->rules as $field => $spec) {
            $rules = $this->parse($spec);
            $names = array_column($rules, 0);
            $value = $this->lookup($data, $field);
            $present = $value !== null && $value !== '' && $value !== [];

            if (!$present) {
                if (in_array('required', $names, true)) {
                    $this->errors[$field][] = sprintf('%s is required.', $field);
                }
                continue;
            }

            foreach ($rules as [$name, $args]) {
                if ($name === 'required') {
                    continue;
                }
                $message = $this->{'rule' . ucfirst($name)}($value, ...$args);
                if ($message !== null) {
                    $this->errors[$field][] = sprintf('%s %s.', $field, $message);
                    break; // one message per field is enough
                }
            }
        }

        return $this->errors === [];
    }

    /** @return array<string, list<string>> */
    public function errors(): array
    {
        return $this->errors;
    }

    /** @return list<array{0: string, 1: list<string>}> */
    private function parse(string $spec): array
    {
        $out = [];
        foreach (array_filter(explode('|', $spec)) as $part) {
            [$name, $arg] = array_pad(explode(':', $part, 2), 2, null);
            $out[] = [$name, $arg === null ? [] : explode(',', $arg)];
        }
        return $out;
    }

    /** Supports dot notation: "address.city". */
    private function lookup(array $data, string $path): mixed
    {
        foreach (explode('.', $path) as $key) {
            if (!is_array($data) || !array_key_exists($key, $data)) {
                return null;
            }
            $data = $data[$key];
        }
        return $data;
    }

    private function ruleRequired(mixed $v): ?string
    {
        return null;
    }

    private function ruleString(mixed $v): ?string
    {
        return is_string($v) ? null : 'must be a string';
    }

    private function ruleInt(mixed $v): ?string
    {
        return filter_var($v, FILTER_VALIDATE_INT) !== false && !is_bool($v) ? null : 'must be an integer';
    }

    private function ruleEmail(mixed $v): ?string
    {
        return is_string($v) && filter_var($v, FILTER_VALIDATE_EMAIL) ? null : 'must be a valid email address';
    }

    private function ruleMin(mixed $v, string $min): ?string
    {
        return $this->size($v) >= (float) $min ? null : "must be at least $min";
    }

    private function ruleMax(mixed $v, string $max): ?string
    {
        return $this->size($v) <= (float) $max ? null : "must be at most $max";
    }

    private function ruleIn(mixed $v, string ...$allowed): ?string
    {
        return in_array((string) $v, $allowed, true) ? null : 'must be one of: ' . implode(', ', $allowed);
    }

    private function ruleRegex(mixed $v, string $pattern): ?string
    {
        return is_string($v) && preg_match($pattern, $v) === 1 ? null : 'has an invalid format';
    }

    private function ruleDate(mixed $v): ?string
    {
        if (!is_string($v)) {
            return 'must be a date (Y-m-d)';
        }
        $d = \DateTimeImmutable::createFromFormat('!Y-m-d', $v);
        return $d !== false && $d->format('Y-m-d') === $v ? null : 'must be a date (Y-m-d)';
    }

    /** Numbers compare by value, strings by length, arrays by count. */
    private function size(mixed $v): float
    {
        return match (true) {
            is_int($v), is_float($v) => (float) $v,
            is_numeric($v) => (float) $v,
            is_array($v) => (float) count($v),
            default => (float) mb_strlen((string) $v),
        };
    }
}
