// A shop page's own bundle (content-hashed name, as bundlers emit it); its bugs are what gets reported.
function submitOrder(order) {
  return order.customer.id;
}

async function loadCart() {
  throw new Error('cart service answered 503');
}

window.crashOnClick = function () {
  setTimeout(function () { submitOrder({}); }, 0);
};

window.rejectUnhandled = function () {
  loadCart();
};
