    context "when the reset token has expired" do
      let(:token) { create(:password_reset_token, user: user, expires_at: 2.hours.ago) }

      it "does not change the password" do
        expect {
          post :update, params: { token: token.value, password: "n3w-Passw0rd!" }
        }.not_to(change { user.reload.encrypted_password })
      end

      it "responds with 410 and an explanatory error" do
        post :update, params: { token: token.value, password: "n3w-Passw0rd!" }

        expect(response).to have_http_status(:gone)
        expect(JSON.parse(response.body)).to include("error" => "reset link has expired")
      end

      it "invalidates the token so it cannot be retried" do
        post :update, params: { token: token.value, password: "n3w-Passw0rd!" }

        expect(token.reload).to be_consumed
      end
    end
