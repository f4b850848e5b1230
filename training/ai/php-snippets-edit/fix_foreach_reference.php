<?php
        foreach ($rows as &$row) {
            $row['email'] = strtolower(trim($row['email']));
            $row['name'] = $row['name'] !== '' ? $row['name'] : null;
        }
        // Break the reference: without this, the next foreach over $rows below
        // writes into the last element and duplicates the second-to-last row.
        unset($row);

        foreach ($rows as $row) {
            $this->importer->upsert($row);
        }
