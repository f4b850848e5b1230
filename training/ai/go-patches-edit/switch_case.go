	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, fmt.Errorf("decoding gzip body: %w", err)
		}
		defer zr.Close()
		body = zr
