<?php

/*
 * This file is part of the webmozart/assert package.
 *
 * (c) Bernhard Schussek <bschussek@gmail.com>
 *
 * For the full copyright and license information, please view the LICENSE
 * file that was distributed with this source code.
 */

namespace Webmozart\Assert\Tests;

use ArrayIterator;
use PHPUnit\Framework\TestCase;
use Webmozart\Assert\FormatAssert;
use Webmozart\Assert\InvalidArgumentException;

/**
 * @since  1.12
 */
class FormatAssertTest extends TestCase
{
    public function getTests()
    {
        return array(
            array('json', array('{"foo": "bar"}'), true),
            array('json', array('[1, 2, 3]'), true),
            array('json', array('"string"'), true),
            array('json', array('null'), true),
            array('json', array('{"foo": }'), false),
            array('json', array("{'foo': 'bar'}"), false),
            array('json', array(''), false),
            array('json', array(123), false),
            array('json', array(null), false),
            array('base64', array('Zm9vYmFy'), true),
            array('base64', array('Zm9vYg=='), true),
            array('base64', array(''), true),
            array('base64', array('Zm9vYg'), false),
            array('base64', array('Zm9v YmFy'), false),
            array('base64', array('Zm9v_mFy'), false),
            array('base64', array('Zm9vYg=a'), false),
            array('base64', array(1234), false),
            array('semver', array('1.0.0'), true),
            array('semver', array('10.20.30'), true),
            array('semver', array('1.0.0-alpha.1'), true),
            array('semver', array('1.0.0-rc.1+build.123'), true),
            array('semver', array('1.0.0+20130313144700'), true),
            array('semver', array('1.0'), false),
            array('semver', array('v1.0.0'), false),
            array('semver', array('01.0.0'), false),
            array('semver', array('1.0.0-01'), false),
            array('semver', array('1.0.0-'), false),
            array('semver', array(1.0), false),
            array('hexColor', array('#fff'), true),
            array('hexColor', array('#FF8800'), true),
            array('hexColor', array('#ff880080'), true),
            array('hexColor', array('#ffff'), true),
            array('hexColor', array('fff'), false),
            array('hexColor', array('#ff880'), false),
            array('hexColor', array('#ggg'), false),
            array('hexColor', array(0xffffff), false),
            array('macAddress', array('00:1a:2b:3c:4d:5e'), true),
            array('macAddress', array('00-1A-2B-3C-4D-5E'), true),
            array('macAddress', array('001a.2b3c.4d5e'), true),
            array('macAddress', array('00:1a:2b:3c:4d'), false),
            array('macAddress', array('00:1a:2b:3c:4d:zz'), false),
            array('macAddress', array(null), false),
        );
    }

    public function getMethods()
    {
        $methods = array();

        foreach ($this->getTests() as $params) {
            $methods[$params[0]] = array($params[0]);
        }

        return \array_values($methods);
    }

    /**
     * @dataProvider getTests
     */
    public function testAssert($method, $args, $success)
    {
        if (!$success) {
            $this->expectException(InvalidArgumentException::class);
        }

        \call_user_func_array(array(FormatAssert::class, $method), $args);
        $this->addToAssertionCount(1);
    }

    /**
     * @dataProvider getTests
     */
    public function testNullOr($method, $args, $success)
    {
        if (!$success && null !== \reset($args)) {
            $this->expectException(InvalidArgumentException::class);
        }

        \call_user_func_array(array(FormatAssert::class, 'nullOr'.\ucfirst($method)), $args);
        $this->addToAssertionCount(1);
    }

    /**
     * @dataProvider getMethods
     */
    public function testNullOrAcceptsNull($method)
    {
        \call_user_func(array(FormatAssert::class, 'nullOr'.\ucfirst($method)), null);
        $this->addToAssertionCount(1);
    }

    /**
     * @dataProvider getTests
     */
    public function testAllArray($method, $args, $success)
    {
        if (!$success) {
            $this->expectException(InvalidArgumentException::class);
        }

        $arg = \array_shift($args);
        \array_unshift($args, array($arg));

        \call_user_func_array(array(FormatAssert::class, 'all'.\ucfirst($method)), $args);
        $this->addToAssertionCount(1);
    }

    /**
     * @dataProvider getTests
     */
    public function testAllTraversable($method, $args, $success)
    {
        if (!$success) {
            $this->expectException(InvalidArgumentException::class);
        }

        $arg = \array_shift($args);
        \array_unshift($args, new ArrayIterator(array($arg)));

        \call_user_func_array(array(FormatAssert::class, 'all'.\ucfirst($method)), $args);
        $this->addToAssertionCount(1);
    }

    public function getMessages()
    {
        return array(
            array('json', array('{"foo": }'), 'Expected a value to be valid JSON. Got: "{"foo": }" (Syntax error)'),
            array('json', array(123), 'Expected a string. Got: integer'),
            array('base64', array('Zm9vYg'), 'Expected a value to be a base64 encoded string. Got: "Zm9vYg"'),
            array('semver', array('v1.0.0'), 'Expected a value to be a semantic version. Got: "v1.0.0"'),
            array('hexColor', array('#ggg'), 'Expected a value to be a hex color. Got: "#ggg"'),
            array('macAddress', array('foo'), 'Expected a value to be a MAC address. Got: "foo"'),
            array('semver', array('1.0', 'Version %s is no good'), 'Version "1.0" is no good'),
        );
    }

    /**
     * @dataProvider getMessages
     */
    public function testMessages($method, $args, $exceptionMessage)
    {
        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage($exceptionMessage);

        \call_user_func_array(array(FormatAssert::class, $method), $args);
    }

    public function testBaseAssertionsAreInherited()
    {
        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage('Expected an integer. Got: string');

        FormatAssert::integer('1');
    }
}
