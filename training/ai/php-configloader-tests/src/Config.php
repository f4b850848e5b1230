<?php

declare(strict_types=1);

namespace Conf;

use InvalidArgumentException;
use RuntimeException;

/**
 * Loads layered configuration: PHP/JSON/INI files merged in order,
 * then overridden by environment variables with a prefix (APP_DB__HOST -> db.host).
 * String values may reference env vars as "${NAME}" or "${NAME:-default}".
 */
final class Config
{
    private array $data = [];

    public function __construct(private array $env = [])
    {
    }

    public static function fromFiles(array $paths, array $env = [], string $prefix = 'APP_'): self
    {
        $config = new self($env);
        foreach ($paths as $path) {
            $config->merge($config->readFile($path));
        }
        $config->applyEnv($prefix);
        return $config;
    }

    public function merge(array $values): void
    {
        $this->data = self::deepMerge($this->data, $this->interpolate($values));
    }

    public function get(string $key, mixed $default = null): mixed
    {
        $node = $this->data;
        foreach (explode('.', $key) as $segment) {
            if (!is_array($node) || !array_key_exists($segment, $node)) {
                return $default;
            }
            $node = $node[$segment];
        }
        return $node;
    }

    public function require(string $key): mixed
    {
        $sentinel = new \stdClass();
        $value = $this->get($key, $sentinel);
        if ($value === $sentinel) {
            throw new RuntimeException(sprintf('Missing required config key "%s".', $key));
        }
        return $value;
    }

    public function all(): array
    {
        return $this->data;
    }

    private function readFile(string $path): array
    {
        if (!is_file($path)) {
            throw new InvalidArgumentException(sprintf('Config file not found: %s', $path));
        }

        $ext = strtolower(pathinfo($path, PATHINFO_EXTENSION));
        $data = match ($ext) {
            'php' => require $path,
            'json' => json_decode((string) file_get_contents($path), true, 512, JSON_THROW_ON_ERROR),
            'ini' => parse_ini_file($path, true, INI_SCANNER_TYPED),
            default => throw new InvalidArgumentException(sprintf('Unsupported config format ".%s".', $ext)),
        };

        if (!is_array($data)) {
            throw new RuntimeException(sprintf('Config file %s did not produce an array.', $path));
        }

        return $data;
    }

    private function applyEnv(string $prefix): void
    {
        foreach ($this->env as $name => $raw) {
            if (!str_starts_with($name, $prefix)) {
                continue;
            }
            $path = explode('__', strtolower(substr($name, strlen($prefix))));
            $override = self::cast((string) $raw);
            foreach (array_reverse($path) as $segment) {
                $override = [$segment => $override];
            }
            $this->data = self::deepMerge($this->data, $override);
        }
    }

    private function interpolate(array $values): array
    {
        array_walk_recursive($values, function (mixed &$v): void {
            if (!is_string($v)) {
                return;
            }
            $v = preg_replace_callback('/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/', function (array $m): string {
                if (array_key_exists($m[1], $this->env)) {
                    return (string) $this->env[$m[1]];
                }
                if (isset($m[2])) {
                    return $m[2];
                }
                throw new RuntimeException(sprintf('Environment variable "%s" is not set.', $m[1]));
            }, $v);
        });
        return $values;
    }

    private static function cast(string $raw): mixed
    {
        return match (strtolower($raw)) {
            'true' => true,
            'false' => false,
            'null' => null,
            default => is_numeric($raw) ? $raw + 0 : $raw,
        };
    }

    /** Associative arrays merge recursively; lists are replaced wholesale. */
    private static function deepMerge(array $base, array $over): array
    {
        foreach ($over as $k => $v) {
            if (is_array($v) && isset($base[$k]) && is_array($base[$k]) && !array_is_list($v)) {
                $base[$k] = self::deepMerge($base[$k], $v);
            } else {
                $base[$k] = $v;
            }
        }
        return $base;
    }
}
