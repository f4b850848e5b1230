<?php

declare(strict_types=1);

namespace Conf\Tests;

use Conf\Config;
use InvalidArgumentException;
use JsonException;
use PHPUnit\Framework\TestCase;
use RuntimeException;

final class ConfigFilesTest extends TestCase
{
    private string $dir;

    protected function setUp(): void
    {
        $this->dir = sys_get_temp_dir() . '/config-test-' . bin2hex(random_bytes(4));
        mkdir($this->dir);
    }

    protected function tearDown(): void
    {
        array_map('unlink', glob($this->dir . '/*') ?: []);
        rmdir($this->dir);
    }

    private function write(string $name, string $contents): string
    {
        $path = $this->dir . '/' . $name;
        file_put_contents($path, $contents);
        return $path;
    }

    public function testLoadsPhpFile(): void
    {
        $path = $this->write('app.php', "<?php return ['app' => ['name' => 'FromPhp']];");

        $this->assertSame('FromPhp', Config::fromFiles([$path])->get('app.name'));
    }

    public function testLoadsJsonFile(): void
    {
        $path = $this->write('app.json', '{"cache": {"ttl": 300, "enabled": true}}');

        $config = Config::fromFiles([$path]);

        $this->assertSame(300, $config->get('cache.ttl'));
        $this->assertTrue($config->get('cache.enabled'));
    }

    public function testLoadsIniFileWithSectionsAndTypes(): void
    {
        $path = $this->write('app.ini', "[mail]\nport = 587\ntls = true\nhost = smtp.local\n");

        $config = Config::fromFiles([$path]);

        $this->assertSame(587, $config->get('mail.port'));
        $this->assertTrue($config->get('mail.tls'));
        $this->assertSame('smtp.local', $config->get('mail.host'));
    }

    public function testLaterFilesOverrideEarlierOnes(): void
    {
        $base = $this->write('base.json', '{"db": {"host": "localhost", "port": 5432}}');
        $prod = $this->write('prod.php', "<?php return ['db' => ['host' => 'prod-db']];");

        $config = Config::fromFiles([$base, $prod]);

        $this->assertSame(['host' => 'prod-db', 'port' => 5432], $config->get('db'));
    }

    /**
     * @dataProvider envOverrideProvider
     */
    public function testEnvironmentOverridesWithTypeCasting(string $var, string $raw, string $key, mixed $expected): void
    {
        $path = $this->write('base.json', '{"db": {"port": 5432}, "debug": true}');

        $config = Config::fromFiles([$path], [$var => $raw]);

        $this->assertSame($expected, $config->get($key));
    }

    public function envOverrideProvider(): array
    {
        return [
            'int'              => ['APP_DB__PORT', '6543', 'db.port', 6543],
            'float'            => ['APP_RATIO', '0.75', 'ratio', 0.75],
            'false'            => ['APP_DEBUG', 'false', 'debug', false],
            'true uppercase'   => ['APP_DEBUG', 'TRUE', 'debug', true],
            'null'             => ['APP_DB__PORT', 'null', 'db.port', null],
            'string'           => ['APP_DB__HOST', 'replica', 'db.host', 'replica'],
            'deep new branch'  => ['APP_QUEUE__REDIS__DB', '3', 'queue.redis.db', 3],
        ];
    }

    public function testEnvVariablesWithoutPrefixAreIgnored(): void
    {
        $path = $this->write('base.json', '{"db": {"port": 5432}}');

        $config = Config::fromFiles([$path], ['DB__PORT' => '1', 'OTHER_DB__PORT' => '2']);

        $this->assertSame(['db' => ['port' => 5432]], $config->all());
    }

    public function testCustomPrefix(): void
    {
        $path = $this->write('base.json', '{"db": {"port": 5432}}');

        $config = Config::fromFiles([$path], ['SVC_DB__PORT' => '7000'], 'SVC_');

        $this->assertSame(7000, $config->get('db.port'));
    }

    public function testMissingFileThrows(): void
    {
        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage('Config file not found');

        Config::fromFiles([$this->dir . '/nope.json']);
    }

    public function testUnsupportedExtensionThrows(): void
    {
        $path = $this->write('app.yaml', 'a: 1');

        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage('Unsupported config format ".yaml".');

        Config::fromFiles([$path]);
    }

    public function testInvalidJsonThrows(): void
    {
        $path = $this->write('broken.json', '{"a": ');

        $this->expectException(JsonException::class);

        Config::fromFiles([$path]);
    }

    public function testPhpFileMustReturnArray(): void
    {
        $path = $this->write('bad.php', '<?php return "nope";');

        $this->expectException(RuntimeException::class);
        $this->expectExceptionMessageMatches('/did not produce an array/');

        Config::fromFiles([$path]);
    }
}
