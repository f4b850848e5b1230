<?php

declare(strict_types=1);

namespace Conf\Tests;

use Conf\Config;
use PHPUnit\Framework\TestCase;
use RuntimeException;

final class ConfigTest extends TestCase
{
    private Config $config;

    protected function setUp(): void
    {
        $this->config = new Config(['DB_PASS' => 's3cret', 'EMPTY' => '']);
        $this->config->merge([
            'app' => ['name' => 'Demo', 'debug' => false],
            'db' => ['host' => 'localhost', 'port' => 5432, 'password' => '${DB_PASS}'],
            'features' => ['search', 'export'],
            'nullable' => null,
        ]);
    }

    /**
     * @dataProvider lookupProvider
     */
    public function testGetResolvesDotPaths(string $key, mixed $expected): void
    {
        $this->assertSame($expected, $this->config->get($key));
    }

    public function lookupProvider(): array
    {
        return [
            'top-level array'   => ['app', ['name' => 'Demo', 'debug' => false]],
            'nested string'     => ['app.name', 'Demo'],
            'nested false'      => ['app.debug', false],
            'nested int'        => ['db.port', 5432],
            'list element'      => ['features.1', 'export'],
            'missing key'       => ['app.missing', null],
            'path through scalar' => ['app.name.first', null],
        ];
    }

    public function testGetReturnsDefaultForMissingKey(): void
    {
        $this->assertSame('fallback', $this->config->get('nope.nothing', 'fallback'));
    }

    public function testGetReturnsStoredNullRatherThanDefault(): void
    {
        $this->assertNull($this->config->get('nullable', 'default'));
    }

    public function testRequireReturnsExistingValue(): void
    {
        $this->assertSame('localhost', $this->config->require('db.host'));
    }

    public function testRequireAcceptsExplicitNull(): void
    {
        $this->assertNull($this->config->require('nullable'));
    }

    public function testRequireThrowsForMissingKey(): void
    {
        $this->expectException(RuntimeException::class);
        $this->expectExceptionMessage('Missing required config key "db.user".');

        $this->config->require('db.user');
    }

    public function testMergeOverridesNestedValuesAndKeepsSiblings(): void
    {
        $this->config->merge(['db' => ['host' => 'db.internal']]);

        $this->assertSame('db.internal', $this->config->get('db.host'));
        $this->assertSame(5432, $this->config->get('db.port'));
    }

    public function testMergeReplacesListsInsteadOfAppending(): void
    {
        $this->config->merge(['features' => ['billing']]);

        $this->assertSame(['billing'], $this->config->get('features'));
    }

    public function testMergeCanReplaceScalarWithArray(): void
    {
        $this->config->merge(['app' => ['name' => ['short' => 'D', 'long' => 'Demo']]]);

        $this->assertSame('D', $this->config->get('app.name.short'));
    }

    /**
     * @dataProvider interpolationProvider
     */
    public function testInterpolatesEnvironmentReferences(string $template, string $expected): void
    {
        $this->config->merge(['value' => $template]);

        $this->assertSame($expected, $this->config->get('value'));
    }

    public function interpolationProvider(): array
    {
        return [
            'whole value'           => ['${DB_PASS}', 's3cret'],
            'embedded'              => ['pass=${DB_PASS};', 'pass=s3cret;'],
            'default used'          => ['${MISSING:-guest}', 'guest'],
            'default ignored'       => ['${DB_PASS:-guest}', 's3cret'],
            'empty default'         => ['[${MISSING:-}]', '[]'],
            'set but empty'         => ['[${EMPTY:-x}]', '[]'],
            'multiple references'   => ['${DB_PASS}/${MISSING:-y}', 's3cret/y'],
            'no reference'          => ['plain $text', 'plain $text'],
        ];
    }

    public function testInterpolationAlreadyAppliedOnSetUp(): void
    {
        $this->assertSame('s3cret', $this->config->get('db.password'));
    }

    public function testUnsetVariableWithoutDefaultThrows(): void
    {
        $this->expectException(RuntimeException::class);
        $this->expectExceptionMessage('Environment variable "API_TOKEN" is not set.');

        $this->config->merge(['token' => '${API_TOKEN}']);
    }
}
