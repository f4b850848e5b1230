<?php
declare(strict_types=1);

require __DIR__ . '/Dispatcher.php';

use Ev\{Dispatcher, Event, Subscriber};

final class OrderPlaced extends Event
{
    public array $log = [];
    public function __construct(public readonly int $id, public readonly float $total) {}
}

final class UserSignedUp extends Event
{
    public function __construct(public readonly string $email) {}
}

final class Mailer implements Subscriber
{
    public array $sent = [];

    public static function events(): array
    {
        return [
            OrderPlaced::class => ['receipt', -10],
            UserSignedUp::class => 'welcome',
        ];
    }

    public function receipt(OrderPlaced $e): void { $this->sent[] = "receipt #{$e->id}"; $e->log[] = 'mail'; }
    public function welcome(UserSignedUp $e): void { $this->sent[] = "welcome {$e->email}"; }
}

$d = new Dispatcher();
$m = new Mailer();

$d->subscribe($m)
  ->on(OrderPlaced::class, fn(OrderPlaced $e) => $e->log[] = 'audit')
  ->on(OrderPlaced::class, function (OrderPlaced $e) {
      $e->log[] = 'fraud';
      if ($e->total > 10_000) $e->stop();
  }, 100)
  ->once(OrderPlaced::class, fn(OrderPlaced $e) => $e->log[] = 'first-only', 50)
  ->on(Event::class, fn(Event $e) => print('  [any] ' . $e::class . "\n"), -100);

foreach ([new OrderPlaced(1, 99.5), new OrderPlaced(2, 42.0), new OrderPlaced(3, 25_000)] as $o) {
    $d->dispatch($o);
    printf("order %d: %s%s\n", $o->id, implode(' > ', $o->log), $o->stopped() ? ' (stopped)' : '');
}

$d->dispatch(new UserSignedUp('a@b.io'));
echo 'mailer: ', implode(', ', $m->sent), PHP_EOL;
echo 'order listeners: ', count($d->listeners(OrderPlaced::class)), PHP_EOL;
