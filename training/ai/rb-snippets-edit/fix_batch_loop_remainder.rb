    # Previously this dropped the final partial batch: the loop stopped at
    # rows.size / BATCH_SIZE full batches. each_slice yields the remainder too.
    rows.each_slice(BATCH_SIZE).with_index(1) do |batch, index|
      Shipment.insert_all(batch, returning: false)
      progress.call([index * BATCH_SIZE, rows.size].min)
    end
