<?php
declare(strict_types=1);

require __DIR__ . '/Tpl.php';

use Tpl\Tpl;

$t = new Tpl(__DIR__ . '/views', ['rev' => fn($v) => strrev((string) $v)]);

$user = new class { public string $name = 'Ada Lovelace'; };

$vars = [
    'user' => $user,
    'cart' => ['items' => [
        ['name' => 'blue mug', 'qty' => 2, 'price' => 12.5],
        ['name' => 'tea tin', 'qty' => 1, 'price' => 1234.999],
    ]],
    'tags' => ['gift', 'kitchen'],
    'meta' => ['author' => 'ada', 'robots' => 'noindex'],
    'note' => null,
    'html' => '<b>hi</b>',
];

echo $t->render('page.html', $vars);
echo "---\n";
echo $t->render('page.html', ['cart' => ['items' => []]] + $vars);
echo "---\n";

$checks = [
    ['{{ a | rev | upper }}', ['a' => 'abc'], 'CBA'],
    ['{% if x %}{% if y %}both{% else %}x{% endif %}{% endif %}', ['x' => 1, 'y' => 0], 'x'],
    ['{% for r in rows %}{% for c in r %}{{ c }}{% endfor %};{% endfor %}', ['rows' => [[1, 2], [3]]], '12;3;'],
    ['{{ o.p.q }}', ['o' => ['p' => ['q' => '&']]], '&amp;'],
    ['{{ "lit" | upper }}', [], 'LIT'],
];
foreach ($checks as [$src, $v, $want]) {
    $got = $t->str($src, $v);
    printf("%s %s => %s\n", $got === $want ? 'ok  ' : 'FAIL', $src, $got);
}

try {
    $t->str('{{ a | nope }}', ['a' => 1]);
} catch (InvalidArgumentException $e) {
    echo 'err: ', $e->getMessage(), PHP_EOL;
}

// for/else
echo $t->str('{% for x in xs %}{{ x }}{% else %}none{% endfor %}', ['xs' => []]), PHP_EOL;
