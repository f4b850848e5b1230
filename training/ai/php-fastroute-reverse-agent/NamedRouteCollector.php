<?php

namespace FastRoute;

class NamedRouteCollector extends RouteCollector
{
    /** @var mixed[][] */
    protected $namedRoutes = [];

    /**
     * Adds a route to the collection and remembers it under the given name,
     * so that a URI can be generated for it later on.
     *
     * The route is stored in the form returned by the route parser, including
     * the current group prefix.
     *
     * @param string $name
     * @param string|string[] $httpMethod
     * @param string $route
     * @param mixed  $handler
     */
    public function addNamedRoute($name, $httpMethod, $route, $handler)
    {
        if (isset($this->namedRoutes[$name])) {
            throw new BadRouteException(sprintf(
                'Cannot register two routes named "%s"', $name
            ));
        }

        $this->addRoute($httpMethod, $route, $handler);
        $this->namedRoutes[$name] = $this->routeParser->parse($this->currentGroupPrefix . $route);
    }

    /**
     * Returns the parsed route data of all named routes, indexed by name.
     *
     * @return mixed[][]
     */
    public function getNamedRoutes()
    {
        return $this->namedRoutes;
    }

    /**
     * Creates a URL generator for the named routes collected so far.
     *
     * @return UrlGenerator
     */
    public function getUrlGenerator()
    {
        return new UrlGenerator($this->namedRoutes);
    }
}
