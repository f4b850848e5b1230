<?php

namespace FastRoute;

class UrlGenerator
{
    /** @var mixed[][] */
    private $namedRoutes;

    /**
     * Constructs a URL generator.
     *
     * @param mixed[][] $namedRoutes Parsed route data indexed by route name,
     *                               as returned by NamedRouteCollector::getNamedRoutes()
     */
    public function __construct(array $namedRoutes)
    {
        $this->namedRoutes = $namedRoutes;
    }

    /**
     * Checks whether a route with the given name exists.
     *
     * @param string $name
     *
     * @return bool
     */
    public function hasRoute($name)
    {
        return isset($this->namedRoutes[$name]);
    }

    /**
     * Generates the URI of a named route.
     *
     * Optional segments are included as long as values for all of their
     * placeholders are given. Parameters which are not used by the route are
     * appended as the query string.
     *
     * @param string $name
     * @param mixed[] $params
     *
     * @return string
     *
     * @throws \LogicException If the route does not exist or a placeholder is missing
     * @throws \InvalidArgumentException If a value does not match its placeholder
     */
    public function generate($name, array $params = [])
    {
        if (!$this->hasRoute($name)) {
            throw new \LogicException(sprintf('Route "%s" does not exist', $name));
        }

        // The route parser returns one route data per optional segment, shortest
        // first. We want the longest one we have enough parameters for.
        $routeDatas = array_reverse($this->namedRoutes[$name]);
        foreach ($routeDatas as $routeData) {
            $variables = $this->getVariables($routeData);
            if (array_diff($variables, array_keys($params)) !== []) {
                continue;
            }

            $uri = $this->buildUri($name, $routeData, $params);
            $query = array_diff_key($params, array_flip($variables));
            if ($query) {
                $uri .= '?' . http_build_query($query, '', '&', PHP_QUERY_RFC3986);
            }

            return $uri;
        }

        $shortestRouteData = end($routeDatas);
        $missing = array_diff($this->getVariables($shortestRouteData), array_keys($params));

        throw new \LogicException(sprintf(
            'Missing parameters "%s" for route "%s"',
            implode('", "', $missing), $name
        ));
    }

    /**
     * @param mixed[] $routeData
     *
     * @return string[]
     */
    private function getVariables($routeData)
    {
        $variables = [];
        foreach ($routeData as $part) {
            if (is_array($part)) {
                $variables[] = $part[0];
            }
        }
        return $variables;
    }

    /**
     * @param string $name
     * @param mixed[] $routeData
     * @param mixed[] $params
     *
     * @return string
     */
    private function buildUri($name, $routeData, $params)
    {
        $uri = '';
        foreach ($routeData as $part) {
            if (is_string($part)) {
                $uri .= $part;
                continue;
            }

            list($varName, $regexPart) = $part;
            $value = (string) $params[$varName];

            if (!preg_match('~^(?:' . $regexPart . ')$~', $value)) {
                throw new \InvalidArgumentException(sprintf(
                    'Value "%s" for parameter "%s" of route "%s" does not match "%s"',
                    $value, $varName, $name, $regexPart
                ));
            }

            // Slashes are kept as they are, so placeholders like {path:.+} still work
            $uri .= str_replace('%2F', '/', rawurlencode($value));
        }

        return $uri;
    }
}
