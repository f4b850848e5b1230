<?php

declare(strict_types=1);

namespace Http\Tests;

use Http\Middleware;
use Http\Pipeline;
use Http\Request;
use Http\Response;
use InvalidArgumentException;
use LogicException;
use PHPUnit\Framework\TestCase;

final class PipelineTest extends TestCase
{
    private Request $request;

    protected function setUp(): void
    {
        $this->request = new Request('GET', '/hello');
    }

    private function echoHandler(): callable
    {
        return static fn (Request $r): Response => new Response(200, "{$r->method} {$r->path}");
    }

    public function testEmptyPipelineCallsFinalHandler(): void
    {
        $response = (new Pipeline($this->echoHandler()))->handle($this->request);

        $this->assertSame(200, $response->status);
        $this->assertSame('GET /hello', $response->body);
    }

    public function testRejectsNonCallableHandler(): void
    {
        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage('Final handler must be callable.');

        new Pipeline('definitely_not_a_function_name');
    }

    public function testMiddlewareRunsInOnionOrder(): void
    {
        $trace = [];
        $layer = static function (string $name) use (&$trace): callable {
            return static function (Request $r, callable $next) use ($name, &$trace): Response {
                $trace[] = "$name:in";
                $response = $next($r);
                $trace[] = "$name:out";
                return $response;
            };
        };

        $pipeline = (new Pipeline(function (Request $r) use (&$trace): Response {
            $trace[] = 'handler';
            return new Response();
        }))->pipe($layer('a'))->pipe($layer('b'))->pipe($layer('c'));

        $pipeline->handle($this->request);

        $this->assertSame(['a:in', 'b:in', 'c:in', 'handler', 'c:out', 'b:out', 'a:out'], $trace);
    }

    public function testMiddlewareCanShortCircuit(): void
    {
        $handlerCalled = false;
        $pipeline = (new Pipeline(function () use (&$handlerCalled): Response {
            $handlerCalled = true;
            return new Response();
        }))->pipe(static fn (Request $r, callable $next): Response => new Response(503, 'Maintenance'));

        $response = $pipeline->handle($this->request);

        $this->assertSame(503, $response->status);
        $this->assertFalse($handlerCalled);
    }

    public function testMiddlewareCanReplaceRequest(): void
    {
        $pipeline = (new Pipeline($this->echoHandler()))
            ->pipe(static fn (Request $r, callable $next): Response => $next(new Request('POST', '/rewritten')));

        $this->assertSame('POST /rewritten', $pipeline->handle($this->request)->body);
    }

    public function testMiddlewareCanDecorateResponse(): void
    {
        $pipeline = (new Pipeline($this->echoHandler()))
            ->pipe(static fn (Request $r, callable $next): Response => $next($r)->withHeader('X-Trace', 'abc'));

        $response = $pipeline->handle($this->request);

        $this->assertSame(['X-Trace' => 'abc'], $response->headers);
    }

    public function testAcceptsMiddlewareObjects(): void
    {
        $mw = $this->createMock(Middleware::class);
        $mw->expects($this->once())
            ->method('process')
            ->with($this->identicalTo($this->request), $this->isType('callable'))
            ->willReturn(new Response(204));

        $response = (new Pipeline($this->echoHandler()))->pipe($mw)->handle($this->request);

        $this->assertSame(204, $response->status);
    }

    public function testCallingNextTwiceThrows(): void
    {
        $pipeline = (new Pipeline($this->echoHandler()))
            ->pipe(static function (Request $r, callable $next): Response {
                $next($r);
                return $next($r);
            });

        $this->expectException(LogicException::class);
        $this->expectExceptionMessage('more than once');

        $pipeline->handle($this->request);
    }

    public function testPipelineIsReusableAcrossRequests(): void
    {
        $pipeline = (new Pipeline($this->echoHandler()))
            ->pipe(static fn (Request $r, callable $next): Response => $next($r));

        $this->assertSame('GET /a', $pipeline->handle(new Request('GET', '/a'))->body);
        $this->assertSame('GET /b', $pipeline->handle(new Request('GET', '/b'))->body);
    }
}
