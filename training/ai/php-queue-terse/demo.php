<?php
declare(strict_types=1);

require __DIR__ . '/Queue.php';
require __DIR__ . '/Worker.php';

use Q\{Queue, SqliteQueue, Worker, Job};

// fallback when pdo_sqlite isn't installed
final class MemQueue implements Queue
{
    private array $jobs = [];
    private array $state = [];
    public function __construct(private Closure $clock) {}

    public function push(string $type, array $data, int $delay = 0): string
    {
        $id = bin2hex(random_bytes(8));
        $this->jobs[$id] = new Job($id, $type, $data, runAt: ($this->clock)() + $delay);
        $this->state[$id] = 'ready';
        return $id;
    }

    public function pop(int $now): ?Job
    {
        foreach ($this->jobs as $id => $j)
            if ($this->state[$id] === 'ready' && $j->runAt <= $now) { $this->state[$id] = 'running'; return $j; }
        return null;
    }

    public function ack(Job $j): void { unset($this->jobs[$j->id], $this->state[$j->id]); }
    public function retry(Job $j, int $at): void { $j->runAt = $at; $this->state[$j->id] = 'ready'; }
    public function bury(Job $j): void { $this->state[$j->id] = 'dead'; }
    public function stats(): array { return array_count_values($this->state); }

    public function dead(): array
    {
        return array_map(fn($id) => ['id' => $id, 'type' => $this->jobs[$id]->type, 'tries' => $this->jobs[$id]->tries, 'err' => $this->jobs[$id]->err],
            array_keys($this->state, 'dead', true));
    }
}

$t = time();
$q = extension_loaded('pdo_sqlite')
    ? new SqliteQueue(new PDO('sqlite::memory:'))
    : new MemQueue(function () use (&$t) { return $t; });
echo get_class($q), PHP_EOL;
$clock = function () use (&$t) { return $t; };

$flaky = 0;
$w = (new Worker($q, maxTries: 3, backoff: fn($n) => 10 * $n, clock: $clock))
    ->handle('email', fn(array $d) => printf("  send -> %s\n", $d['to']))
    ->handle('resize', function (array $d, Job $j) use (&$flaky) {
        if (++$flaky < 3) throw new RuntimeException("disk busy ($flaky)");
        printf("  resized %s on try %d\n", $d['img'], $j->tries);
    })
    ->handle('charge', fn() => throw new DomainException('card declined'));

$q->push('email', ['to' => 'a@x.io']);
$q->push('resize', ['img' => 'cat.png']);
$q->push('charge', ['amt' => 500]);
$q->push('sms', ['to' => '+100']);
$q->push('email', ['to' => 'late@x.io'], delay: 25);

for ($step = 0; $step < 8; $step++) {
    $done = $w->run(idleMs: 0, until: $t + 1);
    echo "t+", $step * 10, ": processed $done, ", json_encode($q->stats()), PHP_EOL;
    $t += 10;
}

echo implode(PHP_EOL, $w->log), PHP_EOL;
foreach ($q->dead() as $d) printf("DLQ %s %s tries=%d %s\n", $d['id'], $d['type'], $d['tries'], $d['err']);
