		{
			name:    "trailing slash is ignored",
			input:   "/api/v1/users/",
			want:    "/api/v1/users",
			wantErr: false,
		},
		{
			name:    "double slashes collapse",
			input:   "/api//v1///users",
			want:    "/api/v1/users",
			wantErr: false,
		},
