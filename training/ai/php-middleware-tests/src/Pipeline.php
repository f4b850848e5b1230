<?php

declare(strict_types=1);

namespace Http;

final class Request
{
    public function __construct(
        public readonly string $method,
        public readonly string $path,
        public readonly array $headers = [],
        public readonly array $attributes = [],
    ) {
    }

    public function header(string $name): ?string
    {
        foreach ($this->headers as $k => $v) {
            if (strcasecmp($k, $name) === 0) {
                return $v;
            }
        }
        return null;
    }

    public function withAttribute(string $name, mixed $value): self
    {
        return new self($this->method, $this->path, $this->headers, [$name => $value] + $this->attributes);
    }
}

final class Response
{
    public function __construct(
        public readonly int $status = 200,
        public readonly string $body = '',
        public readonly array $headers = [],
    ) {
    }

    public function withHeader(string $name, string $value): self
    {
        return new self($this->status, $this->body, [$name => $value] + $this->headers);
    }
}

interface Middleware
{
    /** @param callable(Request): Response $next */
    public function process(Request $request, callable $next): Response;
}

final class Pipeline
{
    /** @var list<Middleware|callable> */
    private array $stack = [];

    /** @param callable(Request): Response $handler */
    public function __construct(private $handler)
    {
        if (!is_callable($handler)) {
            throw new \InvalidArgumentException('Final handler must be callable.');
        }
    }

    public function pipe(Middleware|callable $middleware): self
    {
        $this->stack[] = $middleware;
        return $this;
    }

    public function handle(Request $request): Response
    {
        return $this->dispatch(0, $request);
    }

    private function dispatch(int $index, Request $request): Response
    {
        if (!isset($this->stack[$index])) {
            return ($this->handler)($request);
        }

        $called = false;
        $next = function (Request $req) use ($index, &$called): Response {
            if ($called) {
                throw new \LogicException('Middleware called $next more than once.');
            }
            $called = true;
            return $this->dispatch($index + 1, $req);
        };

        $mw = $this->stack[$index];
        return $mw instanceof Middleware ? $mw->process($request, $next) : $mw($request, $next);
    }
}

final class BearerAuth implements Middleware
{
    /** @param array<string, string> $tokens token => user id */
    public function __construct(private array $tokens)
    {
    }

    public function process(Request $request, callable $next): Response
    {
        $header = $request->header('Authorization') ?? '';
        if (!preg_match('/^Bearer\s+(\S+)$/i', $header, $m) || !isset($this->tokens[$m[1]])) {
            return new Response(401, 'Unauthorized', ['WWW-Authenticate' => 'Bearer']);
        }
        return $next($request->withAttribute('user', $this->tokens[$m[1]]));
    }
}

final class ErrorHandler implements Middleware
{
    public array $logged = [];

    public function process(Request $request, callable $next): Response
    {
        try {
            return $next($request);
        } catch (\Throwable $e) {
            $this->logged[] = $e->getMessage();
            return new Response(500, 'Internal Server Error');
        }
    }
}
