#!/bin/sh
# A silo must advertise an address the other silos can reach: the container's own, unless configured.
if [ -z "${Platform__Silo__AdvertisedAddress:-}" ]; then
  Platform__Silo__AdvertisedAddress=$(hostname -i | awk '{print $1}')
  export Platform__Silo__AdvertisedAddress
fi
exec "$@"
