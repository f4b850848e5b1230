<?php

declare(strict_types=1);

/**
 * Small demonstration of the router. Run with: php example.php
 */

require __DIR__ . '/src/Route.php';
require __DIR__ . '/src/Exceptions.php';
require __DIR__ . '/src/Router.php';

use App\Routing\MethodNotAllowedException;
use App\Routing\RouteNotFoundException;
use App\Routing\Router;

$router = new Router();

$router->get('/', static fn (array $params): string => 'Home page');

$router->group('/api/v1', static function (Router $r): void {
    $r->get('/users/{id:\d+}', static fn (array $p): string => sprintf('User #%d', (int) $p['id']));
    $r->post('/users', static fn (array $p): string => 'User created');
    $r->get('/posts/{slug}', static fn (array $p): string => sprintf('Post "%s"', $p['slug']));
});

// A list of sample requests to show the different outcomes.
$requests = [
    ['GET', '/'],
    ['GET', '/api/v1/users/42'],
    ['GET', '/api/v1/posts/hello%20world?ref=home'],
    ['POST', '/api/v1/users/'],
    ['DELETE', '/api/v1/users'],
    ['GET', '/api/v1/users/abc'],
];

foreach ($requests as [$method, $path]) {
    try {
        $result = $router->dispatch($method, $path);
        printf("%-6s %-40s -> 200 %s\n", $method, $path, $result);
    } catch (MethodNotAllowedException $e) {
        printf("%-6s %-40s -> 405 (Allow: %s)\n", $method, $path, implode(', ', $e->getAllowedMethods()));
    } catch (RouteNotFoundException $e) {
        printf("%-6s %-40s -> 404 %s\n", $method, $path, $e->getMessage());
    }
}
