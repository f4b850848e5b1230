<?php
declare(strict_types=1);

namespace Tpl;

final class Tpl
{
    private array $filters;
    private array $cache = [];

    public function __construct(private string $dir, array $filters = [])
    {
        $this->filters = $filters + [
            'upper' => fn($v) => mb_strtoupper((string) $v),
            'lower' => fn($v) => mb_strtolower((string) $v),
            'title' => fn($v) => mb_convert_case((string) $v, MB_CASE_TITLE),
            'len' => fn($v) => is_countable($v) ? count($v) : mb_strlen((string) $v),
            'join' => fn($v, $sep = ', ') => implode($sep, (array) $v),
            'default' => fn($v, $d = '') => $v ?? $d ?: $d,
            'money' => fn($v, $dp = 2) => number_format((float) $v, (int) $dp),
            'raw' => fn($v) => new Raw((string) $v),
        ];
    }

    public function render(string $name, array $vars = []): string
    {
        $src = $this->cache[$name] ??= file_get_contents("$this->dir/$name")
            ?: throw new \RuntimeException("tpl not found: $name");
        return $this->str($src, $vars);
    }

    public function str(string $src, array $vars): string
    {
        $src = preg_replace_callback(
            '/\{%\s*include\s+"([^"]+)"\s*%\}/',
            fn($m) => $this->render($m[1], $vars),
            $src,
        );
        $out = '';
        $pos = 0;
        while (preg_match(self::TAG, $src, $m, PREG_OFFSET_CAPTURE, $pos)) {
            [$open, $at] = $m[0];
            $kind = $m[1][0];
            if ($kind !== 'if' && $kind !== 'for') throw new \RuntimeException("stray $kind");
            $out .= $this->interp(substr($src, $pos, $at - $pos), $vars);
            [$yes, $no, $pos] = $this->scan($src, $at + strlen($open), $kind);
            $out .= $kind === 'if'
                ? $this->ifBlock($m[2][0], $yes, $no, $vars)
                : $this->forBlock($m[2][0], $yes, $no, $vars);
        }
        return $out . $this->interp(substr($src, $pos), $vars);
    }

    private const TAG = '/\{%\s*(if|for|else|endif|endfor)\b\s*(.*?)\s*%\}/s';

    // find matching end tag; returns [body, elseBody, posAfterEnd]
    private function scan(string $src, int $from, string $kind): array
    {
        $depth = 0;
        $else = null;
        $start = $from;
        while (preg_match(self::TAG, $src, $m, PREG_OFFSET_CAPTURE, $from)) {
            [$t, $at] = $m[0];
            $from = $at + strlen($t);
            $k = $m[1][0];
            if ($k === 'if' || $k === 'for') { $depth++; continue; }
            if ($k === 'else') { if ($depth === 0) $else ??= [$at, $from]; continue; }
            if ($depth-- > 0) continue;
            if ($k !== "end$kind") throw new \RuntimeException("expected end$kind, got $k");
            return $else
                ? [substr($src, $start, $else[0] - $start), substr($src, $else[1], $at - $else[1]), $from]
                : [substr($src, $start, $at - $start), '', $from];
        }
        throw new \RuntimeException("unclosed $kind");
    }

    private function interp(string $s, array $vars): string
    {
        return preg_replace_callback('/\{\{\s*(.+?)\s*\}\}/', fn($m) => $this->out($m[1], $vars), $s);
    }

    private function ifBlock(string $cond, string $yes, string $no, array $vars): string
    {
        $neg = str_starts_with($cond, 'not ');
        $v = $this->val(trim($neg ? substr($cond, 4) : $cond), $vars);
        return $this->str((bool) $v !== $neg ? $yes : $no, $vars);
    }

    private function forBlock(string $head, string $body, string $empty, array $vars): string
    {
        preg_match('/^(\w+)(?:\s*,\s*(\w+))?\s+in\s+(.+)$/', trim($head), $m)
            ?: throw new \InvalidArgumentException("bad for: $head");
        [, $a, $b, $src] = $m;
        $items = $this->val(trim($src), $vars) ?: [];
        if (!$items) return $this->str($empty, $vars);
        $out = '';
        $n = count($items);
        $i = 0;
        foreach ($items as $k => $v) {
            $loop = ['index' => ++$i, 'first' => $i === 1, 'last' => $i === $n];
            $scope = $b ? [$a => $k, $b => $v] : [$a => $v];
            $out .= $this->str($body, $scope + ['loop' => $loop] + $vars);
        }
        return $out;
    }

    private function out(string $expr, array $vars): string
    {
        $parts = array_map('trim', explode('|', $expr));
        $v = $this->val(array_shift($parts), $vars);
        foreach ($parts as $f) {
            preg_match('/^(\w+)(?:\((.*)\))?$/', $f, $m);
            $fn = $this->filters[$m[1] ?? ''] ?? throw new \InvalidArgumentException("unknown filter: $f");
            preg_match_all('/"([^"]*)"|\'([^\']*)\'|([^,\s][^,]*)/', $m[2] ?? '', $mm, PREG_SET_ORDER);
            $args = array_map(fn($x) => count($x) === 4 ? rtrim($x[3]) : end($x), $mm);
            $v = $fn($v, ...$args);
        }
        return $v instanceof Raw ? $v->s : htmlspecialchars((string) $v, ENT_QUOTES);
    }

    private function val(string $path, array $vars): mixed
    {
        if (preg_match('/^["\'](.*)["\']$/', $path, $m)) return $m[1];
        if (is_numeric($path)) return $path + 0;
        $cur = $vars;
        foreach (explode('.', $path) as $seg) {
            $cur = match (true) {
                is_array($cur) => $cur[$seg] ?? null,
                is_object($cur) => $cur->$seg ?? null,
                default => null,
            };
        }
        return $cur;
    }
}

final class Raw
{
    public function __construct(public readonly string $s) {}
}
