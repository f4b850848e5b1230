  def test_checkout_with_empty_cart_raises_and_creates_no_order
    cart = Cart.new(user: @user)

    error = assert_raises(Checkout::EmptyCartError) do
      Checkout.new(cart, payment: @fake_payment).call
    end

    assert_equal "cart #{cart.id} has no items", error.message
    assert_empty Order.where(user_id: @user.id)
    refute @fake_payment.charged?, "payment should not be attempted for an empty cart"
  end
