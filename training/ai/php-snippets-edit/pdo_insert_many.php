<?php
    /**
     * @param list<array{sku: string, qty: int, warehouse_id: int}> $rows
     */
    public function insertMany(array $rows, int $chunkSize = 500): int
    {
        $inserted = 0;

        $this->pdo->beginTransaction();
        try {
            foreach (array_chunk($rows, $chunkSize) as $chunk) {
                $placeholders = implode(', ', array_fill(0, count($chunk), '(?, ?, ?)'));
                $stmt = $this->pdo->prepare(
                    "INSERT INTO stock_levels (sku, qty, warehouse_id) VALUES $placeholders"
                );

                $params = [];
                foreach ($chunk as $row) {
                    array_push($params, $row['sku'], $row['qty'], $row['warehouse_id']);
                }
                $stmt->execute($params);
                $inserted += $stmt->rowCount();
            }
            $this->pdo->commit();
        } catch (\Throwable $e) {
            $this->pdo->rollBack();
            throw $e;
        }

        return $inserted;
    }
