<?php
declare(strict_types=1);

namespace Q;

final class Job
{
    public function __construct(
        public readonly string $id,
        public readonly string $type,
        public readonly array $data,
        public int $tries = 0,
        public int $runAt = 0,
        public ?string $err = null,
    ) {}
}

interface Queue
{
    public function push(string $type, array $data, int $delay = 0): string;
    public function pop(int $now): ?Job;
    public function ack(Job $j): void;
    public function retry(Job $j, int $at): void;
    public function bury(Job $j): void;
}

final class SqliteQueue implements Queue
{
    public function __construct(private \PDO $db)
    {
        $db->setAttribute(\PDO::ATTR_ERRMODE, \PDO::ERRMODE_EXCEPTION);
        $db->exec(<<<SQL
            CREATE TABLE IF NOT EXISTS jobs (
                id TEXT PRIMARY KEY, type TEXT, data TEXT, tries INT DEFAULT 0,
                run_at INT, state TEXT DEFAULT 'ready', err TEXT
            );
            CREATE INDEX IF NOT EXISTS jobs_ready ON jobs(state, run_at);
        SQL);
    }

    public function push(string $type, array $data, int $delay = 0): string
    {
        $id = bin2hex(random_bytes(8));
        $this->db->prepare('INSERT INTO jobs (id, type, data, run_at) VALUES (?, ?, ?, ?)')
            ->execute([$id, $type, json_encode($data, JSON_THROW_ON_ERROR), time() + $delay]);
        return $id;
    }

    public function pop(int $now): ?Job
    {
        $this->db->beginTransaction();
        try {
            $st = $this->db->prepare("SELECT * FROM jobs WHERE state = 'ready' AND run_at <= ? ORDER BY run_at, rowid LIMIT 1");
            $st->execute([$now]);
            $r = $st->fetch(\PDO::FETCH_ASSOC);
            if ($r) $this->db->prepare("UPDATE jobs SET state = 'running' WHERE id = ?")->execute([$r['id']]);
            $this->db->commit();
        } catch (\Throwable $e) {
            $this->db->rollBack();
            throw $e;
        }
        return $r ? new Job($r['id'], $r['type'], json_decode($r['data'], true), (int) $r['tries'], (int) $r['run_at'], $r['err']) : null;
    }

    public function ack(Job $j): void
    {
        $this->db->prepare('DELETE FROM jobs WHERE id = ?')->execute([$j->id]);
    }

    public function retry(Job $j, int $at): void
    {
        $this->db->prepare("UPDATE jobs SET state = 'ready', tries = ?, run_at = ?, err = ? WHERE id = ?")
            ->execute([$j->tries, $at, $j->err, $j->id]);
    }

    public function bury(Job $j): void
    {
        $this->db->prepare("UPDATE jobs SET state = 'dead', tries = ?, err = ? WHERE id = ?")
            ->execute([$j->tries, $j->err, $j->id]);
    }

    public function stats(): array
    {
        return $this->db->query('SELECT state, COUNT(*) FROM jobs GROUP BY state')->fetchAll(\PDO::FETCH_KEY_PAIR);
    }

    public function dead(): array
    {
        return $this->db->query("SELECT id, type, tries, err FROM jobs WHERE state = 'dead'")->fetchAll(\PDO::FETCH_ASSOC);
    }
}
