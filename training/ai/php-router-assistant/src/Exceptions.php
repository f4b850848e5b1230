<?php

declare(strict_types=1);

namespace App\Routing;

use RuntimeException;

/**
 * Exceptions raised by the router.
 *
 * Thrown when a route matches the path but not the HTTP method.
 *
 * The list of allowed methods is kept so that callers can build an
 * appropriate "Allow" header for a 405 response.
 */
class MethodNotAllowedException extends RuntimeException
{
    /** @var list<string> */
    private array $allowedMethods;

    /**
     * @param list<string> $allowedMethods Methods that would have matched the path.
     * @param string       $path           The requested path.
     */
    public function __construct(array $allowedMethods, string $path)
    {
        $this->allowedMethods = $allowedMethods;

        parent::__construct(sprintf(
            'Method not allowed for "%s". Allowed: %s.',
            $path,
            implode(', ', $allowedMethods)
        ));
    }

    /**
     * Get the HTTP methods that are permitted for the requested path.
     *
     * @return list<string>
     */
    public function getAllowedMethods(): array
    {
        return $this->allowedMethods;
    }
}

/**
 * Thrown when no registered route matches the requested path.
 *
 * Callers typically translate this into an HTTP 404 response.
 */
class RouteNotFoundException extends RuntimeException
{
}
