<?php
declare(strict_types=1);

namespace RL;

interface Store
{
    public function get(string $k): ?array;
    public function put(string $k, array $v, int $ttl): void;
}

final class MemStore implements Store
{
    private array $d = [];

    public function __construct(private \Closure $now) {}

    public function get(string $k): ?array
    {
        $e = $this->d[$k] ?? null;
        return $e && $e[1] > ($this->now)() ? $e[0] : null;
    }

    public function put(string $k, array $v, int $ttl): void
    {
        $this->d[$k] = [$v, ($this->now)() + $ttl];
    }
}

final class ApcuStore implements Store
{
    public function __construct(private string $pfx = 'rl:') {}

    public function get(string $k): ?array
    {
        $v = apcu_fetch($this->pfx . $k, $ok);
        return $ok ? $v : null;
    }

    public function put(string $k, array $v, int $ttl): void
    {
        apcu_store($this->pfx . $k, $v, $ttl);
    }
}

final readonly class Decision
{
    public function __construct(
        public bool $ok,
        public int $left,
        public float $retryIn,
    ) {}

    public function headers(int $limit): array
    {
        return array_filter([
            'X-RateLimit-Limit' => (string) $limit,
            'X-RateLimit-Remaining' => (string) max(0, $this->left),
            'Retry-After' => $this->ok ? null : (string) (int) ceil($this->retryIn),
        ], fn($v) => $v !== null);
    }
}
