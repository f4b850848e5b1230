<?php

declare(strict_types=1);

namespace App\Routing;

use InvalidArgumentException;

/**
 * Represents a single route definition: an HTTP method, a path pattern
 * and the handler that should be invoked when the route matches.
 *
 * Path patterns may contain named placeholders such as `/users/{id}`.
 * A placeholder can optionally carry its own regular expression
 * constraint, e.g. `/users/{id:\d+}`.
 */
final class Route
{
    /** @var string The upper-cased HTTP method (GET, POST, ...). */
    private string $method;

    /** @var string The original path pattern as registered. */
    private string $pattern;

    /** @var callable The handler invoked when this route matches. */
    private $handler;

    /** @var string The compiled regular expression used for matching. */
    private string $regex;

    /** @var list<string> Names of the placeholders, in order of appearance. */
    private array $parameterNames = [];

    /**
     * Create a new route.
     *
     * @param string   $method  The HTTP method this route responds to.
     * @param string   $pattern The path pattern, which must start with "/".
     * @param callable $handler The handler to call on a successful match.
     *
     * @throws InvalidArgumentException If the method or pattern is invalid.
     */
    public function __construct(string $method, string $pattern, callable $handler)
    {
        $method = strtoupper(trim($method));
        if ($method === '') {
            throw new InvalidArgumentException('HTTP method must not be empty.');
        }

        if ($pattern === '' || $pattern[0] !== '/') {
            throw new InvalidArgumentException(
                sprintf('Route pattern "%s" must start with a forward slash.', $pattern)
            );
        }

        $this->method = $method;
        $this->pattern = $pattern;
        $this->handler = $handler;
        $this->regex = $this->compile($pattern);
    }

    /**
     * Get the HTTP method for this route.
     *
     * @return string
     */
    public function getMethod(): string
    {
        return $this->method;
    }

    /**
     * Get the original path pattern.
     *
     * @return string
     */
    public function getPattern(): string
    {
        return $this->pattern;
    }

    /**
     * Get the handler associated with this route.
     *
     * @return callable
     */
    public function getHandler(): callable
    {
        return $this->handler;
    }

    /**
     * Attempt to match the given path against this route.
     *
     * @param string $path The request path (without query string).
     *
     * @return array<string, string>|null The extracted parameters, or null if the path does not match.
     */
    public function match(string $path): ?array
    {
        if (preg_match($this->regex, $path, $matches) !== 1) {
            return null;
        }

        $params = [];
        foreach ($this->parameterNames as $name) {
            // Decode the segment so that "%20" becomes a space, etc.
            $params[$name] = rawurldecode($matches[$name]);
        }

        return $params;
    }

    /**
     * Compile a path pattern into a regular expression.
     *
     * @param string $pattern The path pattern to compile.
     *
     * @return string The compiled, anchored regular expression.
     *
     * @throws InvalidArgumentException If a placeholder name is duplicated.
     */
    private function compile(string $pattern): string
    {
        $regex = preg_replace_callback(
            '/\{([a-zA-Z_][a-zA-Z0-9_]*)(?::([^}]+))?\}/',
            function (array $m): string {
                $name = $m[1];
                if (in_array($name, $this->parameterNames, true)) {
                    throw new InvalidArgumentException(
                        sprintf('Duplicate route parameter "%s".', $name)
                    );
                }
                $this->parameterNames[] = $name;

                // Default constraint: any run of characters except a slash.
                $constraint = $m[2] ?? '[^/]+';

                return sprintf('(?P<%s>%s)', $name, $constraint);
            },
            $pattern
        );

        return '#^' . $regex . '$#';
    }
}
