<?php

namespace FastRoute;

use PHPUnit\Framework\TestCase;

class UrlGeneratorTest extends TestCase
{
    /**
     * @return NamedRouteCollector
     */
    private function getCollector()
    {
        return new NamedRouteCollector(
            new RouteParser\Std(), new DataGenerator\GroupCountBased()
        );
    }

    /**
     * @dataProvider provideGeneratedUrls
     */
    public function testGenerate($routeDefinition, $params, $expected)
    {
        $r = $this->getCollector();
        $r->addNamedRoute('route', 'GET', $routeDefinition, 'handler');

        $this->assertSame($expected, $r->getUrlGenerator()->generate('route', $params));
    }

    public function provideGeneratedUrls()
    {
        return [
            ['/static', [], '/static'],
            ['/user/{id}', ['id' => 42], '/user/42'],
            ['/user/{id:\d+}/{name}', ['id' => '7', 'name' => 'nikic'], '/user/7/nikic'],
            ['/user/{id}[/{name}]', ['id' => 1], '/user/1'],
            ['/user/{id}[/{name}]', ['id' => 1, 'name' => 'rdlowrey'], '/user/1/rdlowrey'],
            ['/archive[/{year}[/{month}]]', [], '/archive'],
            ['/archive[/{year}[/{month}]]', ['year' => 2018], '/archive/2018'],
            ['/archive[/{year}[/{month}]]', ['year' => 2018, 'month' => 4], '/archive/2018/4'],
            ['/files/{path:.+}', ['path' => 'docs/read me.txt'], '/files/docs/read%20me.txt'],
            ['/search', ['q' => 'fast route', 'page' => 2], '/search?q=fast%20route&page=2'],
            ['/user/{id}', ['id' => 5, 'tab' => 'posts'], '/user/5?tab=posts'],
        ];
    }

    public function testGroupPrefixIsIncluded()
    {
        $r = $this->getCollector();
        $r->addGroup('/admin', function (NamedRouteCollector $r) {
            $r->addNamedRoute('admin.user', 'GET', '/user/{id}', 'handler');
        });

        $this->assertSame('/admin/user/3', $r->getUrlGenerator()->generate('admin.user', ['id' => 3]));
    }

    public function testNamedRouteIsDispatchable()
    {
        $r = $this->getCollector();
        $r->addNamedRoute('user', ['GET', 'POST'], '/user/{id:\d+}', 'handler0');

        $dispatcher = new Dispatcher\GroupCountBased($r->getData());
        $uri = $r->getUrlGenerator()->generate('user', ['id' => 12]);

        $this->assertSame([Dispatcher::FOUND, 'handler0', ['id' => '12']], $dispatcher->dispatch('POST', $uri));
    }

    public function testGetNamedRoutes()
    {
        $r = $this->getCollector();
        $r->addNamedRoute('home', 'GET', '/', 'handler0');
        $r->addRoute('GET', '/unnamed', 'handler1');
        $r->addNamedRoute('user', 'GET', '/user/{id}', 'handler2');

        $this->assertSame(['home', 'user'], array_keys($r->getNamedRoutes()));
    }

    public function testHasRoute()
    {
        $r = $this->getCollector();
        $r->addNamedRoute('home', 'GET', '/', 'handler');
        $generator = $r->getUrlGenerator();

        $this->assertTrue($generator->hasRoute('home'));
        $this->assertFalse($generator->hasRoute('away'));
    }

    public function testDuplicateNameThrows()
    {
        $this->expectException(BadRouteException::class);
        $this->expectExceptionMessage('Cannot register two routes named "user"');

        $r = $this->getCollector();
        $r->addNamedRoute('user', 'GET', '/user/{id}', 'handler0');
        $r->addNamedRoute('user', 'GET', '/users/{id}', 'handler1');
    }

    public function testUnknownRouteThrows()
    {
        $this->expectException(\LogicException::class);
        $this->expectExceptionMessage('Route "missing" does not exist');

        $this->getCollector()->getUrlGenerator()->generate('missing');
    }

    public function testMissingParameterThrows()
    {
        $this->expectException(\LogicException::class);
        $this->expectExceptionMessage('Missing parameters "id" for route "user"');

        $r = $this->getCollector();
        $r->addNamedRoute('user', 'GET', '/user/{id}[/{name}]', 'handler');
        $r->getUrlGenerator()->generate('user', ['name' => 'nikic']);
    }

    public function testValueNotMatchingRegexThrows()
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage('Value "abc" for parameter "id" of route "user" does not match "\d+"');

        $r = $this->getCollector();
        $r->addNamedRoute('user', 'GET', '/user/{id:\d+}', 'handler');
        $r->getUrlGenerator()->generate('user', ['id' => 'abc']);
    }
}
