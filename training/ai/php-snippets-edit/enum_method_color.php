<?php
    public function badgeColor(): string
    {
        return match ($this) {
            self::Open => 'green',
            self::InReview => 'amber',
            self::Merged => 'purple',
            self::Closed => 'gray',
        };
    }

    public function isFinal(): bool
    {
        return $this === self::Merged || $this === self::Closed;
    }
