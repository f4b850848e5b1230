<?php
    private int $port = 6379;

    public function withPort(int|string $port): self
    {
        $value = filter_var($port, FILTER_VALIDATE_INT, [
            'options' => ['min_range' => 1, 'max_range' => 65535],
        ]);

        if ($value === false) {
            throw new ConfigurationException(sprintf(
                'redis.port must be an integer between 1 and 65535, got "%s"',
                $port
            ));
        }

        $clone = clone $this;
        $clone->port = $value;

        return $clone;
    }

    public function port(): int
    {
        return $this->port;
    }
