<?php

declare(strict_types=1);

namespace App\Routing;

use InvalidArgumentException;

/**
 * A minimal HTTP router.
 *
 * Routes are matched in the order they were registered. The first route
 * whose pattern and method both match wins. If the path matches but the
 * method does not, a MethodNotAllowedException is raised instead of a
 * plain "not found" so callers can respond with HTTP 405.
 *
 * Example:
 *
 *     $router = new Router();
 *     $router->get('/users/{id:\d+}', fn (array $p) => "User {$p['id']}");
 *     echo $router->dispatch('GET', '/users/42'); // "User 42"
 */
final class Router
{
    /** @var list<Route> All registered routes, in registration order. */
    private array $routes = [];

    /** @var string Prefix applied to routes registered inside a group. */
    private string $currentPrefix = '';

    /**
     * Register a route for an arbitrary HTTP method.
     *
     * @param string   $method  The HTTP method.
     * @param string   $pattern The path pattern.
     * @param callable $handler The handler to invoke.
     *
     * @return Route The newly created route.
     *
     * @throws InvalidArgumentException If the route definition is invalid.
     */
    public function add(string $method, string $pattern, callable $handler): Route
    {
        $fullPattern = $this->normalizePath($this->currentPrefix . $pattern);
        $route = new Route($method, $fullPattern, $handler);
        $this->routes[] = $route;

        return $route;
    }

    /**
     * Register a GET route.
     *
     * @param string   $pattern The path pattern.
     * @param callable $handler The handler to invoke.
     *
     * @return Route
     */
    public function get(string $pattern, callable $handler): Route
    {
        return $this->add('GET', $pattern, $handler);
    }

    /**
     * Register a POST route.
     *
     * @param string   $pattern The path pattern.
     * @param callable $handler The handler to invoke.
     *
     * @return Route
     */
    public function post(string $pattern, callable $handler): Route
    {
        return $this->add('POST', $pattern, $handler);
    }

    /**
     * Register a group of routes sharing a common path prefix.
     *
     * @param string   $prefix   The prefix, e.g. "/api/v1".
     * @param callable $callback Receives this router and registers routes on it.
     *
     * @return void
     *
     * @throws InvalidArgumentException If the prefix does not start with "/".
     */
    public function group(string $prefix, callable $callback): void
    {
        if ($prefix === '' || $prefix[0] !== '/') {
            throw new InvalidArgumentException('Group prefix must start with a forward slash.');
        }

        $previous = $this->currentPrefix;
        $this->currentPrefix = $previous . rtrim($prefix, '/');

        try {
            $callback($this);
        } finally {
            // Always restore the prefix, even if the callback throws.
            $this->currentPrefix = $previous;
        }
    }

    /**
     * Find the route matching the given method and path.
     *
     * @param string $method The HTTP method of the request.
     * @param string $path   The request path; any query string is ignored.
     *
     * @return array{0: Route, 1: array<string, string>} The route and its parameters.
     *
     * @throws RouteNotFoundException    If no route matches the path.
     * @throws MethodNotAllowedException If the path matches but the method does not.
     */
    public function match(string $method, string $path): array
    {
        $method = strtoupper($method);
        $path = $this->normalizePath((string) parse_url($path, PHP_URL_PATH));
        $allowed = [];

        foreach ($this->routes as $route) {
            $params = $route->match($path);
            if ($params === null) {
                continue;
            }

            // HEAD requests are served by GET handlers, as per RFC 9110.
            if ($route->getMethod() === $method || ($method === 'HEAD' && $route->getMethod() === 'GET')) {
                return [$route, $params];
            }

            $allowed[] = $route->getMethod();
        }

        if ($allowed !== []) {
            throw new MethodNotAllowedException(array_values(array_unique($allowed)), $path);
        }

        throw new RouteNotFoundException(sprintf('No route found for "%s %s".', $method, $path));
    }

    /**
     * Match the request and invoke the matching handler.
     *
     * @param string $method The HTTP method of the request.
     * @param string $path   The request path.
     *
     * @return mixed Whatever the handler returns.
     *
     * @throws RouteNotFoundException
     * @throws MethodNotAllowedException
     */
    public function dispatch(string $method, string $path): mixed
    {
        [$route, $params] = $this->match($method, $path);

        return ($route->getHandler())($params);
    }

    /**
     * Normalize a path by collapsing duplicate slashes and removing a trailing slash.
     *
     * @param string $path The raw path.
     *
     * @return string The normalized path (always at least "/").
     */
    private function normalizePath(string $path): string
    {
        $path = preg_replace('#/+#', '/', '/' . $path) ?? '/';
        $trimmed = rtrim($path, '/');

        return $trimmed === '' ? '/' : $trimmed;
    }
}
