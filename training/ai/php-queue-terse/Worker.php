<?php
declare(strict_types=1);

namespace Q;

final class Worker
{
    private array $h = [];
    private bool $stop = false;
    public array $log = [];

    public function __construct(
        private Queue $q,
        private int $maxTries = 3,
        private ?\Closure $backoff = null,
        private ?\Closure $clock = null,
    ) {
        $this->backoff ??= fn(int $n) => min(300, 2 ** $n) + random_int(0, 1);
        $this->clock ??= time(...);
    }

    public function handle(string $type, callable $fn): static
    {
        $this->h[$type] = $fn;
        return $this;
    }

    public function stop(): void { $this->stop = true; }

    public function tick(): bool
    {
        $now = ($this->clock)();
        $j = $this->q->pop($now);
        if (!$j) return false;

        $j->tries++;
        try {
            $fn = $this->h[$j->type] ?? throw new \LogicException("no handler: $j->type");
            $fn($j->data, $j);
            $this->q->ack($j);
            $this->log[] = "ok   $j->type#$j->tries";
        } catch (\LogicException $e) {
            $j->err = $e->getMessage();
            $this->q->bury($j);
            $this->log[] = "dead $j->type: $j->err";
        } catch (\Throwable $e) {
            $j->err = $e::class . ': ' . $e->getMessage();
            if ($j->tries >= $this->maxTries) {
                $this->q->bury($j);
                $this->log[] = "dead $j->type after $j->tries";
            } else {
                $this->q->retry($j, $now + ($this->backoff)($j->tries));
                $this->log[] = "retry $j->type#$j->tries";
            }
        }
        return true;
    }

    public function run(int $maxJobs = PHP_INT_MAX, int $idleMs = 500, ?int $until = null): int
    {
        if (function_exists('pcntl_signal')) {
            pcntl_async_signals(true);
            foreach ([SIGTERM, SIGINT] as $s) pcntl_signal($s, fn() => $this->stop());
        }
        $n = 0;
        while (!$this->stop && $n < $maxJobs && ($until === null || ($this->clock)() < $until)) {
            if ($this->tick()) $n++;
            elseif ($idleMs > 0) usleep($idleMs * 1000);
            else break; // drain mode
        }
        return $n;
    }
}
