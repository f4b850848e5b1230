        // `end` is exclusive; the old `..=end` read one byte past the chunk.
        for i in start..end {
            let b = buf[i];
            if b == b'\n' {
                lines += 1;
                last_nl = Some(i);
            }
        }
        let tail = match last_nl {
            Some(i) => &buf[i + 1..end],
            None => &buf[start..end],
        };
