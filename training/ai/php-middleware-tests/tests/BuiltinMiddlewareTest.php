<?php

declare(strict_types=1);

namespace Http\Tests;

use Http\BearerAuth;
use Http\ErrorHandler;
use Http\Pipeline;
use Http\Request;
use Http\Response;
use PHPUnit\Framework\TestCase;
use RuntimeException;

final class BuiltinMiddlewareTest extends TestCase
{
    private Pipeline $pipeline;
    private ErrorHandler $errors;

    protected function setUp(): void
    {
        $this->errors = new ErrorHandler();
        $this->pipeline = (new Pipeline(static function (Request $r): Response {
            if ($r->path === '/boom') {
                throw new RuntimeException('database down');
            }
            return new Response(200, 'hello ' . $r->attributes['user']);
        }))
            ->pipe($this->errors)
            ->pipe(new BearerAuth(['tok-alice' => 'alice', 'tok-bob' => 'bob']));
    }

    /**
     * @dataProvider unauthorizedHeaders
     */
    public function testRejectsMissingOrInvalidCredentials(array $headers): void
    {
        $response = $this->pipeline->handle(new Request('GET', '/', $headers));

        $this->assertSame(401, $response->status);
        $this->assertSame('Bearer', $response->headers['WWW-Authenticate'] ?? null);
    }

    public function unauthorizedHeaders(): array
    {
        return [
            'no header'        => [[]],
            'empty header'     => [['Authorization' => '']],
            'unknown token'    => [['Authorization' => 'Bearer tok-eve']],
            'basic scheme'     => [['Authorization' => 'Basic dXNlcjpwYXNz']],
            'missing token'    => [['Authorization' => 'Bearer ']],
            'token with space' => [['Authorization' => 'Bearer tok-alice extra']],
        ];
    }

    /**
     * @dataProvider authorizedHeaders
     */
    public function testAcceptsValidTokenAndExposesUser(array $headers, string $expectedBody): void
    {
        $response = $this->pipeline->handle(new Request('GET', '/', $headers));

        $this->assertSame(200, $response->status);
        $this->assertSame($expectedBody, $response->body);
    }

    public function authorizedHeaders(): array
    {
        return [
            'alice'                   => [['Authorization' => 'Bearer tok-alice'], 'hello alice'],
            'bob'                     => [['Authorization' => 'Bearer tok-bob'], 'hello bob'],
            'header name case'        => [['authorization' => 'Bearer tok-bob'], 'hello bob'],
            'scheme case-insensitive' => [['Authorization' => 'bearer tok-alice'], 'hello alice'],
        ];
    }

    public function testErrorHandlerConvertsExceptionsTo500(): void
    {
        $response = $this->pipeline->handle(
            new Request('GET', '/boom', ['Authorization' => 'Bearer tok-alice'])
        );

        $this->assertSame(500, $response->status);
        $this->assertSame('Internal Server Error', $response->body);
        $this->assertSame(['database down'], $this->errors->logged);
    }

    public function testErrorHandlerDoesNotLogSuccessfulRequests(): void
    {
        $this->pipeline->handle(new Request('GET', '/', ['Authorization' => 'Bearer tok-bob']));

        $this->assertSame([], $this->errors->logged);
    }

    public function testAuthAttributeDoesNotLeakIntoOriginalRequest(): void
    {
        $request = new Request('GET', '/', ['Authorization' => 'Bearer tok-alice']);

        $this->pipeline->handle($request);

        $this->assertArrayNotHasKey('user', $request->attributes);
    }

    public function testWithAttributeOverridesExistingValue(): void
    {
        $request = (new Request('GET', '/'))->withAttribute('user', 'a')->withAttribute('user', 'b');

        $this->assertSame(['user' => 'b'], $request->attributes);
    }
}
