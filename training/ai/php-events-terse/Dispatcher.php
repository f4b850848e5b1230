<?php
declare(strict_types=1);

namespace Ev;

interface Stoppable
{
    public function stopped(): bool;
}

abstract class Event implements Stoppable
{
    private bool $stop = false;
    public function stop(): void { $this->stop = true; }
    public function stopped(): bool { return $this->stop; }
}

final class Dispatcher
{
    /** @var array<string, array<int, list<callable>>> */
    private array $l = [];
    private array $sorted = [];

    public function on(string $evt, callable $fn, int $prio = 0): static
    {
        $this->l[$evt][$prio][] = $fn;
        unset($this->sorted[$evt]);
        return $this;
    }

    public function once(string $evt, callable $fn, int $prio = 0): static
    {
        $w = null;
        $w = function (object $e) use ($evt, $fn, &$w) {
            $this->off($evt, $w);
            return $fn($e);
        };
        return $this->on($evt, $w, $prio);
    }

    public function off(string $evt, callable $fn): void
    {
        foreach ($this->l[$evt] ?? [] as $p => $fns) {
            $this->l[$evt][$p] = array_values(array_filter($fns, fn($f) => $f !== $fn));
        }
        unset($this->sorted[$evt]);
    }

    public function subscribe(Subscriber $s): static
    {
        foreach ($s::events() as $evt => $spec) {
            [$m, $p] = is_array($spec) ? $spec + [1 => 0] : [$spec, 0];
            $this->on($evt, [$s, $m], $p);
        }
        return $this;
    }

    public function listeners(string $evt): array
    {
        return $this->sorted[$evt] ??= (function () use ($evt) {
            $byPrio = $this->l[$evt] ?? [];
            krsort($byPrio);
            return array_merge(...array_values($byPrio ?: [[]]));
        })();
    }

    public function dispatch(object $e): object
    {
        $names = [$e::class, ...array_values(class_parents($e)), ...array_values(class_implements($e))];
        foreach ($names as $n) {
            foreach ($this->listeners($n) as $fn) {
                if ($e instanceof Stoppable && $e->stopped()) return $e;
                $fn($e);
            }
        }
        return $e;
    }
}

interface Subscriber
{
    /** @return array<string, string|array{0:string,1?:int}> */
    public static function events(): array;
}
